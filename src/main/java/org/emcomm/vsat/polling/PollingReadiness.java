package org.emcomm.vsat.polling;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every terminal has been polled at least once: before that, states are guesses. */
@Readiness
@ApplicationScoped
public class PollingReadiness implements HealthCheck {
    private final PollingService polling;

    PollingReadiness(PollingService polling) { this.polling = polling; }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("first-poll-cycle").status(polling.firstCycleDone());
        var last = polling.lastCycle();
        if (last != null) b.withData("lastBatchMs", last.durationMillis()).withData("lastBatchTerminals", last.terminals());
        return b.build();
    }
}
