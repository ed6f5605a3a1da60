package org.emcomm.vsat.storage;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** DOWN while InfluxDB is unreachable or samples have been shed; the service keeps working meanwhile
 * (samples spool, records wait in the journal), so this is a wellness check, not readiness. */
@Wellness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private final Storage storage;
    private final org.emcomm.vsat.journal.JournalService journal;

    StorageHealthCheck(Storage storage, org.emcomm.vsat.journal.JournalService journal) {
        this.storage = storage;
        this.journal = journal;
    }

    @Override
    public HealthCheckResponse call() {
        Storage.Status s = storage.status();
        SampleStore.StoreStatus samples = s.samples();
        // wall time on purpose: this is about the process's recent past, not the domain clock
        boolean shedLately = samples.lastShedAt() != null && samples.lastShedAt().isAfter(java.time.Instant.now().minusSeconds(3600));
        boolean recordsOk = s.recordsReachable() == null || s.recordsReachable();
        org.emcomm.vsat.journal.Journal.Outage full = journal.outage();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("storage")
                .status(samples.reachable() && recordsOk && !shedLately && full == null)
                .withData("mode", s.mode())
                .withData("samplesReachable", samples.reachable())
                .withData("samplesWritten", samples.written())
                .withData("samplesSpooled", samples.spooledPoints())
                .withData("spoolBytes", samples.spoolBytes())
                .withData("samplesShed", samples.shed())
                .withData("samplesShedLastHour", shedLately)
                .withData("journalHeadSeq", s.journalHeadSeq());
        if (s.eventsUnforwarded() != null) b.withData("eventsUnforwarded", s.eventsUnforwarded()).withData("recordsReachable", recordsOk);
        if (full != null) b.withData("recordsWritable", false).withData("lastError", "journal: " + full.reason());
        String err = samples.lastError() != null ? samples.lastError() : s.recordsLastError();
        if (full == null && err != null && !(samples.reachable() && recordsOk)) b.withData("lastError", err);
        return b.build();
    }
}
