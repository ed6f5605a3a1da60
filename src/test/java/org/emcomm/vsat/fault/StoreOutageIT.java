package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.testing.InfluxFixture;
import org.emcomm.vsat.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * InfluxDB (a real influxd) down for 60 s under the demo's load, made faster: a 400-terminal network in the demo
 * mix polled every 5 s, support tasks created twice a second, a terminal outage raising an incident meanwhile.
 * Health must show the outage while it lasts; afterwards every record (journal event) and every sample is in
 * InfluxDB exactly once: as many points as the service made, no more.
 */
class StoreOutageIT {
    static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void sixtySecondsWithoutInfluxLoseNothingAndDuplicateNothing() throws Exception {
        Path config = FaultIT.network(400, "127.102");
        Path data = Files.createTempDirectory("emcomm-outage-data");
        try (InfluxFixture influx = InfluxFixture.start()) {
            Map<String, String> props = FaultIT.props(config, data, "5s");
            props.put("emcomm.influx.url", influx.url());
            props.put("emcomm.influx.flush-interval", "200ms");
            props.put("emcomm.influx.timeout", "2s");
            props.put("emcomm.incidents.hold", "2s");
            try (ServiceProcess service = ServiceProcess.start("store-outage", props, Duration.ofSeconds(90))) {
                String emergency = FaultIT.emergency(service);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong answered = new AtomicLong();
                Thread writer = new Thread(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = FaultIT.call(service, "POST", "/api/tasks", "coord", FaultIT.task(emergency, "Outage task " + (i++)));
                            if (r.statusCode() == 201) answered.incrementAndGet();
                            Thread.sleep(500);
                        } catch (Exception e) {
                            return;
                        }
                    }
                }, "records");
                writer.start();
                Thread.sleep(5000);
                influx.stop();
                long outageStart = System.nanoTime();
                int checks = 0, down = 0, settledChecks = 0, settledDown = 0; // settled: 5 s in, once a write has failed
                boolean scenario = false;
                while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                    String health = compact(FaultIT.call(service, "GET", "/q/health", null, null).body());
                    checks++;
                    boolean isDown = health.contains("\"name\":\"storage\",\"status\":\"DOWN\"");
                    if (isDown) down++;
                    if (System.nanoTime() - outageStart > 5_000_000_000L) {
                        settledChecks++;
                        if (isDown) settledDown++;
                    }
                    if (!scenario && System.nanoTime() - outageStart > 10_000_000_000L) {
                        String terminal = firstAgentTerminal(service);
                        assertThat(FaultIT.call(service, "POST", "/api/simulator/scenarios", "op",
                                "{\"type\":\"TERMINAL_DOWN\",\"target\":\"" + terminal + "\",\"durationSeconds\":40}").statusCode()).isEqualTo(201);
                        scenario = true;
                    }
                    Thread.sleep(1000);
                }
                String during = compact(FaultIT.call(service, "GET", "/q/health", null, null).body());
                influx.startAgain();
                Thread.sleep(5000);
                stop.set(true);
                writer.join(30_000);
                // Polling goes on; stop counting at a moment when everything made so far has been written.
                long deadline = System.nanoTime() + 120_000_000_000L;
                String health;
                do {
                    Thread.sleep(1000);
                    health = compact(FaultIT.call(service, "GET", "/q/health", null, null).body());
                } while (!(health.contains("\"samplesSpooled\":0") && health.contains("\"eventsUnforwarded\":0")
                        && health.matches("(?s).*\"name\":\"storage\",\"status\":\"UP\".*")) && System.nanoTime() < deadline);
                assertThat(health).as("storage health after the outage").contains("\"samplesSpooled\":0", "\"eventsUnforwarded\":0");
                // Stop the polls so the counts hold still: the service is stopped, and its last writes flushed on the way out.
                service.close();
                String log = Files.readString(service.log);
                long head = number(log, "journal-head=");
                long received = number(log, "samples-received=");
                long shed = number(log, "samples-shed=");
                assertThat(log).contains("events-unforwarded=0");
                long events = influx.count(InfluxFixture.DATABASE, "seq", "event", null);
                Matcher max = Pattern.compile("\"values\":\\[\\[\"[^\"]+\",(\\d+)").matcher(influx.query("SELECT max(\"seq\") FROM \"event\""));
                assertThat(max.find()).isTrue();
                long maxSeq = Long.parseLong(max.group(1));
                long samples = influx.count(InfluxFixture.DATABASE, "terminal_state_code", "sample", null);
                System.out.printf("store outage: %d s down; health DOWN in %d of %d checks; %d tasks created; journal head %d, events in"
                        + " InfluxDB %d (max seq %d); samples made %d, in InfluxDB %d, shed %d%n", OUTAGE.toSeconds(), down, checks,
                        answered.get(), head, events, maxSeq, received, samples, shed);
                assertThat(during).as("health during the outage").contains("\"samplesReachable\":false");
                assertThat(settledDown).as("health checks showing storage DOWN from 5 s into the outage on").isEqualTo(settledChecks);
                assertThat(answered.get()).as("records written during the outage answered").isGreaterThan(100);
                assertThat(events).as("journal events in InfluxDB").isEqualTo(head);
                assertThat(maxSeq).isEqualTo(head);
                assertThat(shed).as("samples shed (the spool bound was not reached)").isZero();
                assertThat(samples).as("samples in InfluxDB").isEqualTo(received);
            }
        }
    }

    static String firstAgentTerminal(org.emcomm.vsat.testing.ServiceProcess s) throws Exception {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",[^{}]*?\"agent\":\"127").matcher(FaultIT.call(s, "GET", "/api/terminals", "op", null).body());
        if (!m.find()) throw new AssertionError("no terminal with its own agent");
        return m.group(1);
    }

    /** /q/health is pretty-printed: without white space, fields can be matched as "name":value. */
    static String compact(String json) {
        return json.replaceAll("\\s", "");
    }

    static long number(String text, String after) {
        Matcher m = Pattern.compile(Pattern.quote(after) + "(\\d+)").matcher(text);
        if (!m.find()) throw new AssertionError(after + " not in " + text.substring(0, Math.min(400, text.length())));
        return Long.parseLong(m.group(1));
    }
}
