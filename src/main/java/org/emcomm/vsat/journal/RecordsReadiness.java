package org.emcomm.vsat.journal;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while records cannot be written (the data disk is full): a load balancer sends writers elsewhere, and the
 * reason is in the check's data. Free space and the reserve are shown always. */
@Readiness
@ApplicationScoped
public class RecordsReadiness implements HealthCheck {
    private final JournalService journal;

    RecordsReadiness(JournalService journal) { this.journal = journal; }

    @Override
    public HealthCheckResponse call() {
        Journal.Outage o = journal.outage();
        long free = journal.freeBytes();
        var b = HealthCheckResponse.named("records").status(o == null)
                .withData("freeBytes", free == Long.MAX_VALUE ? -1 : free)
                .withData("reserveBytes", journal.reserveBytes())
                .withData("optionalWrites", o == null && free >= journal.reserveBytes() ? "accepted" : "refused");
        if (o != null) b.withData("reason", o.reason()).withData("since", o.since().toString()).withData("refused", o.refused());
        return b.build();
    }
}
