package org.emcomm.vsat.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.journal.Journal;
import org.emcomm.vsat.journal.JournalEvent;
import org.emcomm.vsat.journal.Verification;
import org.emcomm.vsat.testing.InfluxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Samples and records into Debian's real influxd 1.6.7 through influxdb-client-java; no mock. */
class InfluxStorageTest {
    static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
    static InfluxFixture influx;

    @BeforeAll
    static void startInflux() throws Exception {
        influx = InfluxFixture.start();
    }

    @AfterAll
    static void stopInflux() throws Exception {
        influx.close();
    }

    /** Each test gets its own database, so counts never mix. */
    static String db(TestInfo info) {
        return "t_" + info.getTestMethod().orElseThrow().getName().toLowerCase();
    }

    static InfluxConnection connect(TestInfo info, long spoolMaxBytes) throws Exception {
        String db = db(info);
        influx.query("CREATE DATABASE " + db);
        return InfluxConnection.open(config(influx.url(), db + "/autogen", spoolMaxBytes));
    }

    static SamplePoint point(String terminal, Instant at, String state, double esno) {
        return new SamplePoint(terminal, "gd", "hub-1", "beam-1", "idirect-nms", at, state, "ANSWERED", 900,
                Map.of("esno", esno, "rx_power", -40.0 - esno / 10));
    }

    @Test
    void samplesRoundTripAndDownsampleLikeTheLocalStore(TestInfo info) throws Exception {
        Path tmp = Files.createTempDirectory("emcomm-rt");
        try (InfluxConnection c = connect(info, 64 << 20);
             InfluxSampleStore store = new InfluxSampleStore(c, tmp.resolve("spool"), 64 << 20, 50, Duration.ofMillis(100));
             LocalSampleStore local = new LocalSampleStore(tmp.resolve("local"), Clock.fixed(T0, ZoneOffset.UTC), 8, Duration.ofHours(1))) {
            for (int i = 0; i < 120; i++) {
                SamplePoint p = point("T-1", T0.plusSeconds(10L * i), i >= 60 && i < 64 ? "DOWN" : "UP", 10 + (i % 6));
                store.write(p);
                local.write(p);
                store.write(point("T-2", T0.plusSeconds(10L * i), "UP", 1));
            }
            store.flush();
            List<String> metrics = List.of("esno", "rx_power");
            Instant to = T0.plusSeconds(1200);

            List<HistoryPoint> raw = store.history("T-1", metrics, T0, to, null, 10_000);
            assertThat(raw).hasSize(120);
            assertThat(raw.get(0).time()).isEqualTo(T0);
            assertThat(raw.get(5).metrics()).containsEntry("esno", 15.0);
            assertThat(raw.get(61).state()).isEqualTo("DOWN");
            assertThat(store.history("T-1", metrics, T0.plusSeconds(100), T0.plusSeconds(200), null, 10_000)).hasSize(10);

            List<HistoryPoint> perMinute = store.history("T-1", metrics, T0, to, Duration.ofMinutes(1), 10_000);
            assertThat(perMinute).hasSize(20);
            assertThat(perMinute).allSatisfy(b -> assertThat(b.samples()).isEqualTo(6));
            assertThat(perMinute.get(0).metrics().get("esno")).isEqualTo(12.5);
            assertThat(perMinute.get(10).state()).isEqualTo("DOWN");
            assertThat(perMinute.get(11).state()).isEqualTo("UP");

            assertThat(local.history("T-1", metrics, T0, to, null, 10_000)).isEqualTo(raw);
            assertThat(local.history("T-1", metrics, T0, to, Duration.ofMinutes(1), 10_000)).isEqualTo(perMinute);
            assertThat(influx.count(db(info), "terminal_state_code", "sample", null)).isEqualTo(240);
        }
    }

    @Test
    void aRawReadPastTheLimitAsksForAStep(TestInfo info) throws Exception {
        Path tmp = Files.createTempDirectory("emcomm-limit");
        try (InfluxConnection c = connect(info, 64 << 20);
             InfluxSampleStore store = new InfluxSampleStore(c, tmp.resolve("spool"), 64 << 20, 50, Duration.ofMillis(100))) {
            for (int i = 0; i < 30; i++) store.write(point("T-1", T0.plusSeconds(i), "UP", 10));
            store.flush();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.history("T-1", List.of("esno"), T0, T0.plusSeconds(60), null, 20))
                    .isInstanceOf(SampleStore.TooManyPointsException.class).hasMessageContaining("step");
        }
    }

    @Test
    void eventsForwardedTwiceWriteNoSecondPointAndRebuildAFreshJournal(TestInfo info) throws Exception {
        Path tmp = Files.createTempDirectory("emcomm-fwd");
        try (InfluxConnection c = connect(info, 64 << 20);
             Journal journal = Journal.open(tmp.resolve("journal"), Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 50; i++) {
                journal.append(i % 2 == 0 ? "audit" : "incident", "test.event", "E-" + (i % 7), "op",
                        "{\"n\":" + i + ",\"text\":\"quote \\\" comma, space = 震\"}", T0.plusMillis(i / 10));
            }
            forwardAll(c, journal, tmp.resolve("cursor-1"));
            assertThat(influx.count(db(info), "seq", "event", null)).isEqualTo(50);
            // a lost cursor: everything is forwarded again, and InfluxDB still holds one point per event
            forwardAll(c, journal, tmp.resolve("cursor-2"));
            assertThat(influx.count(db(info), "seq", "event", null)).isEqualTo(50);

            List<JournalEvent> archived = InfluxEventArchive.readAll(c);
            assertThat(archived).hasSize(50);
            try (Journal fresh = Journal.open(tmp.resolve("fresh"), Journal.Options.DEFAULT, e -> { })) {
                fresh.importEvents(archived);
                assertThat(fresh.head()).isEqualTo(journal.head());
            }
            Verification v = Journal.verify(tmp.resolve("fresh"));
            assertThat(v.ok()).isTrue();
            assertThat(v.events()).isEqualTo(50);
        }
    }

    private static void forwardAll(InfluxConnection c, Journal journal, Path cursor) {
        try (EventForwarder f = new EventForwarder(c, cursor)) {
            journal.subscribe(f.cursor(), f::offer);
            f.start();
            assertThat(f.drain(30_000)).isTrue();
        }
    }

    @Test
    void anOutageOfThirtySecondsLosesNothingAndDuplicatesNothing(TestInfo info) throws Exception {
        Path tmp = Files.createTempDirectory("emcomm-outage");
        try (InfluxConnection c = connect(info, 64 << 20);
             InfluxSampleStore store = new InfluxSampleStore(c, tmp.resolve("spool"), 64 << 20, 100, Duration.ofMillis(100));
             Journal journal = Journal.open(tmp.resolve("journal"), Journal.Options.DEFAULT, e -> { });
             EventForwarder forwarder = new EventForwarder(c, tmp.resolve("cursor"))) {
            journal.subscribe(0, forwarder::offer);
            forwarder.start();
            int samples = 0;
            int events = 0;
            Instant at = T0;
            for (int i = 0; i < 20; i++) {
                store.write(point("T-" + (i % 5), at = at.plusSeconds(1), "UP", i));
                samples++;
            }
            journal.append("audit", "before", null, "op", "{}", at);
            events++;

            influx.stop();
            long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < outageEnds) {
                for (int i = 0; i < 50; i++) {
                    store.write(point("T-" + (i % 5), at = at.plusSeconds(1), "UP", i));
                    samples++;
                }
                journal.append("incident", "during", "I-" + events, "op", "{\"n\":" + events + "}", at);
                events++;
                Thread.sleep(500); // samples and records keep flowing through a wall-clock outage
            }
            assertThat(store.status().reachable()).isFalse();
            assertThat(store.status().spooledPoints()).isPositive();
            assertThat(forwarder.reachable()).isFalse();
            influx.startAgain();

            for (int i = 0; i < 20; i++) {
                store.write(point("T-" + (i % 5), at = at.plusSeconds(1), "UP", i));
                samples++;
            }
            journal.append("audit", "after", null, "op", "{}", at);
            events++;
            store.flush();
            assertThat(forwarder.drain(60_000)).isTrue();

            assertThat(store.status().reachable()).isTrue();
            assertThat(store.status().spooledPoints()).isZero();
            assertThat(store.status().shed()).isZero();
            assertThat(influx.count(db(info), "terminal_state_code", "sample", null)).isEqualTo(samples);
            assertThat(influx.count(db(info), "seq", "event", null)).isEqualTo(events);
            // in order: the archive reads back as one unbroken chain
            List<JournalEvent> archived = InfluxEventArchive.readAll(c);
            assertThat(archived).extracting(JournalEvent::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, events).boxed().toList());
        }
    }

    @Test
    void aFullSpoolShedsTheOldestSamplesFirstAndCountsThem(TestInfo info) throws Exception {
        Path tmp = Files.createTempDirectory("emcomm-shed");
        long bound = 1 << 20;
        try (InfluxConnection c = connect(info, bound);
             InfluxSampleStore store = new InfluxSampleStore(c, tmp.resolve("spool"), bound, 500, Duration.ofMillis(50))) {
            influx.stop();
            int written = 0;
            Instant at = T0;
            for (int i = 0; i < 20_000; i++) {
                store.write(point("T-" + (i % 10), at = at.plusMillis(100), "UP", i % 20));
                written++;
                if (i % 2000 == 1999) Thread.sleep(200); // let the writer spool batch by batch
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.status().queued() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
            SampleStore.StoreStatus down = store.status();
            assertThat(down.shed()).isPositive();
            assertThat(down.spoolBytes()).isLessThanOrEqualTo(bound);
            influx.startAgain();
            store.flush();
            long stored = influx.count(db(info), "terminal_state_code", "sample", null);
            assertThat(stored).isEqualTo(written - store.status().shed());
            // the oldest were shed: the first stored sample is later than the first written
            Instant firstWritten = T0.plusMillis(100);
            Instant firstStored = influx.firstTime(db(info), "terminal_state_code", "sample");
            assertThat(firstStored).isAfter(firstWritten);
            // exactly the shed count of the oldest went: 100 ms per sample
            assertThat(firstStored).isEqualTo(firstWritten.plusMillis(100L * store.status().shed()));
            assertThat(store.status().spooledPoints()).isZero();
        }
    }

    @Test
    void aBurstLargerThanTheQueueGoesThroughTheSpoolAndLosesNothing(TestInfo info) throws Exception {
        Path tmp = Files.createTempDirectory("emcomm-burst");
        try (InfluxConnection c = connect(info, 256L << 20);
             InfluxSampleStore store = new InfluxSampleStore(c, tmp.resolve("spool"), 256L << 20, 5000, Duration.ofMillis(100))) {
            int n = 150_000;
            for (int i = 0; i < n; i++) store.write(point("T-" + (i % 5000), T0.plusSeconds(i / 5000), "UP", i % 9));
            store.flush();
            assertThat(store.status().shed()).isZero();
            assertThat(store.status().spooledPoints()).isZero();
            assertThat(influx.count(db(info), "terminal_state_code", "sample", null)).isEqualTo(n);
        }
    }

    @Test
    void badInfluxKeysStopTheStartNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InfluxConnection.open(config("influx:8086", "emcomm", 1 << 20)))
                .hasMessageContaining("emcomm.influx.url").hasMessageContaining("http://");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InfluxConnection.open(config("http://127.0.0.1:1", "a/b/c", 1 << 20)))
                .hasMessageContaining("emcomm.influx.bucket");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InfluxConnection.open(config("http://127.0.0.1:1", "emcomm", 1000)))
                .hasMessageContaining("emcomm.influx.spool-max-bytes");
    }

    static EmcommConfig.Influx config(String url, String bucket, long spoolMaxBytes) {
        return new EmcommConfig.Influx() {
            public Optional<String> url() { return Optional.of(url); }
            public Optional<String> token() { return Optional.empty(); }
            public Optional<String> username() { return Optional.empty(); }
            public Optional<String> password() { return Optional.empty(); }
            public String org() { return "emcomm"; }
            public String bucket() { return bucket; }
            public Optional<String> sampleBucket() { return Optional.empty(); }
            public int batchSize() { return 500; }
            public Duration flushInterval() { return Duration.ofMillis(100); }
            public long spoolMaxBytes() { return spoolMaxBytes; }
            public Duration timeout() { return Duration.ofSeconds(5); }
        };
    }
}
