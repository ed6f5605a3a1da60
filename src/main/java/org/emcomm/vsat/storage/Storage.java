package org.emcomm.vsat.storage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.EventArchive;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/**
 * Where samples and records go. With {@code emcomm.influx.url}: samples into InfluxDB (spooled
 * while it is unreachable) and journal events forwarded to it. Without: the embedded default, the
 * journal as record store and the local sample store.
 */
@ApplicationScoped
public class Storage implements EventArchive {
    /** Samples handed to the sample store since start: with written, spooled and shed, every one is accounted for. */
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    /** Set at shutdown: a sample from a poll still finishing is no longer taken, so the final count holds. */
    private volatile boolean stopping;
    private final EmcommConfig config;
    private final JournalService journal;
    private final NetworkHealth health;
    private final MeterRegistry registry;
    private final InfluxConnection influx;
    private final SampleStore samples;
    private final EventForwarder forwarder;

    Storage(EmcommConfig config, JournalService journal, NetworkHealth health, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.journal = journal;
        this.health = health;
        this.registry = registry;
        Path data = Path.of(config.dataDir());
        EmcommConfig.Influx c = config.influx();
        if (c.url().isPresent() && !c.url().get().isBlank()) {
            influx = InfluxConnection.open(c);
            samples = new InfluxSampleStore(influx, data.resolve("spool"), c.spoolMaxBytes(), c.batchSize(), c.flushInterval());
            forwarder = new EventForwarder(influx, data.resolve("forwarded.seq"));
            Log.infof("storage: InfluxDB at %s (records %s, samples %s); the journal is the outage buffer",
                    influx.url, influx.records.name(), influx.samples.name());
        } else {
            influx = null;
            forwarder = null;
            samples = new LocalSampleStore(data.resolve("samples"), clock, config.samples().localRetentionDays(), Duration.ofSeconds(5));
            Log.infof("storage: embedded default (no emcomm.influx.url): records in the journal, samples in %s for %d days",
                    data.resolve("samples"), config.samples().localRetentionDays());
        }
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        health.onSample(this::record);
        org.emcomm.vsat.config.Meters.forget(registry, "emcomm.events.", "emcomm.samples.");
        if (forwarder != null) {
            journal.subscribe(forwarder.cursor(), forwarder::offer);
            forwarder.start();
            Gauge.builder("emcomm.events.unforwarded", forwarder, EventForwarder::pendingCount)
                    .description("Journal events not yet in InfluxDB").strongReference(true).register(registry);
        }
        FunctionCounter.builder("emcomm.samples.received", received, java.util.concurrent.atomic.AtomicLong::get)
                .description("Samples handed to the sample store since start").register(registry);
        FunctionCounter.builder("emcomm.samples.written", samples, s -> s.status().written()).register(registry);
        FunctionCounter.builder("emcomm.samples.shed", samples, s -> s.status().shed())
                .description("Samples shed, oldest first, because the spool reached its bound").register(registry);
        Gauge.builder("emcomm.samples.spooled", samples, s -> s.status().spooledPoints()).strongReference(true).register(registry);
        Gauge.builder("emcomm.samples.spool.bytes", samples, s -> s.status().spoolBytes()).strongReference(true).register(registry);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true; // a sample from a poll still finishing is not taken any more, so the count below is final
        if (forwarder != null) {
            forwarder.drain(2_000);
            forwarder.close();
        }
        if (samples instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                Log.warnf("storage: close failed: %s", e.getMessage());
            }
        }
        Status st = status();
        Log.infof("storage: stopped with samples-received=%d samples-written=%d samples-spooled=%d samples-shed=%d journal-head=%d"
                + " events-unforwarded=%s", received.get(), st.samples().written(), st.samples().spooledPoints(), st.samples().shed(),
                st.journalHeadSeq(), st.eventsUnforwarded());
        if (influx != null) influx.close();
    }

    private void record(Terminal t, Sample s, org.emcomm.vsat.health.Observation observed, TerminalState state,
                        org.emcomm.vsat.health.TerminalStateMachine.Transition transition) {
        if (stopping) return;
        Map<String, Double> values = new LinkedHashMap<>();
        s.metrics().forEach((name, v) -> {
            if (v instanceof MetricValue.Reading r) values.put(name, r.value());
            else if (v instanceof MetricValue.Label l) values.put(name, (double) l.code());
        });
        samples.write(new SamplePoint(t.id(), t.region(), t.hub(), t.beam(), t.profile(), s.at(),
                state.name(), s.status().name(), s.latencyMicros(), values));
        received.incrementAndGet();
    }

    public SampleStore samples() { return samples; }

    @Override
    public List<JournalEvent> readAll() {
        return influx == null ? List.of() : InfluxEventArchive.readAll(influx);
    }

    @Override
    public long lastSeq() {
        return influx == null ? -1 : InfluxEventArchive.lastSeq(influx);
    }

    /** Storage as health and the API show it. */
    public record Status(String mode, SampleStore.StoreStatus samples, Long eventsUnforwarded, Long eventsForwardedSeq,
                         Boolean recordsReachable, String recordsLastError, long journalHeadSeq) {}

    public Status status() {
        return new Status(influx == null ? "embedded" : "influxdb", samples.status(),
                forwarder == null ? null : (long) forwarder.pendingCount(), forwarder == null ? null : forwarder.cursor(),
                forwarder == null ? null : forwarder.reachable(), forwarder == null ? null : forwarder.lastError(),
                journal.head().seq());
    }

    /** Waits until queued samples and journal events are in the store (tests). */
    public boolean flush(Duration timeout) {
        samples.flush();
        return forwarder == null || forwarder.drain(timeout.toMillis());
    }
}
