package org.emcomm.vsat.shard;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** This replica's shard: down while a replica that is not the writer sheds samples because it has not
 * reached the writer for longer than its backlog holds. */
@Readiness
@ApplicationScoped
public class ShardHealthCheck implements HealthCheck {
    private final ShardService shard;

    ShardHealthCheck(ShardService shard) { this.shard = shard; }

    @Override
    public HealthCheckResponse call() {
        var s = shard.status();
        var b = HealthCheckResponse.named("shard").status(!shard.shedding())
                .withData("index", s.index()).withData("count", s.count()).withData("role", s.role().name())
                .withData("owned", s.owned()).withData("backlog", s.backlog()).withData("forwarded", s.forwarded())
                .withData("shed", s.shed());
        if (s.lastError() != null) b.withData("writerUnreachable", s.lastError());
        if (s.previousCount() != null) b.withData("handoverFrom", s.previousCount()).withData("handoverUntil", s.handoverUntil().toString());
        return b.build();
    }
}
