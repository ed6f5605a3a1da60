package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.CycleReport;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.PollEngine;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.testing.Ber;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/**
 * Agents that answer badly, written by hand below the SNMP library: values of the wrong type, BER cut short,
 * garbage, an answer to another request, an answer with thousands of varbinds nobody asked for, counters and
 * uptime at their wrap. Polls must end, with the wrong values recorded as invalid (raw text and reason), the broken
 * answers as unanswered polls, nothing left pending, and no storm of logged exceptions.
 */
class BadSnmpDataTest {
    enum Kind { WRONG_TYPES, NO_SUCH_OBJECT, TRUNCATED, GARBAGE, OTHER_REQUEST_ID, HUGE_VARBIND_LIST, WRAPPING, ERROR_STATUS }

    static final Duration TIMEOUT = Duration.ofMillis(300);

    /** One hand-made agent per terminal, each misbehaving its own way. */
    static final class BadAgent implements AutoCloseable {
        final Kind kind;
        final DatagramSocket socket;
        final AtomicInteger requests = new AtomicInteger();
        final Thread thread;

        BadAgent(Kind kind, InetSocketAddress at) throws Exception {
            this.kind = kind;
            this.socket = new DatagramSocket(at);
            this.thread = new Thread(this::serve, "bad-agent-" + kind);
            thread.setDaemon(true);
            thread.start();
        }

        void serve() {
            byte[] buf = new byte[65535];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    socket.receive(in);
                    int n = requests.incrementAndGet();
                    Ber.Request r = Ber.parseGet(in.getData(), in.getLength());
                    byte[] out = answer(r, n);
                    if (out != null) socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                } catch (Exception e) {
                    if (socket.isClosed()) return;
                }
            }
        }

        byte[] answer(Ber.Request r, int n) {
            List<byte[]> vbs = new ArrayList<>();
            switch (kind) {
                case WRONG_TYPES -> {
                    for (String oid : r.oids()) vbs.add(Ber.varbind(oid, n % 2 == 0 ? Ber.octets("n/a ☂") : Ber.ip(10, 0, 0, 1)));
                }
                case NO_SUCH_OBJECT -> {
                    for (String oid : r.oids()) vbs.add(Ber.varbind(oid, new byte[] {(byte) 0x80, 0}));
                }
                case HUGE_VARBIND_LIST -> {
                    for (String oid : r.oids()) vbs.add(Ber.varbind(oid, Ber.integer(7)));
                    for (int i = 0; i < 2000; i++) vbs.add(Ber.varbind("1.3.6.1.4.1.99999.1." + i, Ber.integer(i)));
                }
                case WRAPPING -> {
                    // the largest values their types hold: Counter32/TimeTicks 2^32-1, Counter64 2^64-1, Gauge32 2^32-1
                    for (String oid : r.oids()) {
                        byte[] v = oid.equals("1.3.6.1.2.1.1.3.0") ? Ber.integer(Ber.TIMETICKS, 4294967295L)
                                : oid.startsWith("1.3.6.1.2.1.31.1.1.1") ? Ber.tlv(Ber.COUNTER64, new byte[] {0, -1, -1, -1, -1, -1, -1, -1, -1})
                                : Ber.integer(Ber.COUNTER32, 4294967295L);
                        vbs.add(Ber.varbind(oid, v));
                    }
                }
                default -> {
                    for (String oid : r.oids()) vbs.add(Ber.varbind(oid, Ber.integer(1)));
                }
            }
            byte[] good = Ber.v2c(r.community(), Ber.RESPONSE, kind == Kind.OTHER_REQUEST_ID ? r.requestId() + 1 : r.requestId(),
                    kind == Kind.ERROR_STATUS ? 5 : 0, kind == Kind.ERROR_STATUS ? 1 : 0, vbs.toArray(byte[][]::new));
            return switch (kind) {
                case TRUNCATED -> java.util.Arrays.copyOf(good, good.length / 2);
                case GARBAGE -> {
                    byte[] junk = new byte[200];
                    new java.util.Random(n).nextBytes(junk);
                    junk[0] = 0x30; // looks like a SEQUENCE, then nonsense
                    yield junk;
                }
                default -> good;
            };
        }

        @Override
        public void close() { socket.close(); }
    }

    @Test
    void badAnswersAreRecordedAsInvalidOrUnansweredAndNoPollSticks() throws Exception {
        Path dir = Files.createTempDirectory("emcomm-bad-snmp");
        int port = TestNetwork.freeUdpPort();
        NetworkGenerator.write(dir, 2 * Kind.values().length, NetworkGenerator.Mix.AGENTS_ONLY, "127.97", port);
        Inventory inventory = new ConfigLoader(name -> null).load(dir, TestNetwork.projectProfiles());
        List<Terminal> terminals = inventory.terminals().stream().filter(t -> !t.viaHub()).toList();
        Map<String, Kind> kindOf = new ConcurrentHashMap<>();
        List<BadAgent> agents = new ArrayList<>();
        AtomicInteger warnings = new AtomicInteger();
        AtomicInteger stackTraces = new AtomicInteger();
        Handler counter = new Handler() {
            @Override public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) warnings.incrementAndGet();
                if (r.getThrown() != null) stackTraces.incrementAndGet();
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(counter);
        // snmp4j logs nowhere unless told: route it to java.util.logging, so its own complaints are counted too
        org.snmp4j.log.LogFactory.setLogFactory(new org.snmp4j.log.JavaLogFactory());
        try (Snmp4jClient client = new Snmp4jClient(inventory.credentials().values(), 64, 1 << 20)) {
            for (int i = 0; i < terminals.size(); i++) {
                Terminal t = terminals.get(i);
                Kind k = Kind.values()[i % Kind.values().length];
                kindOf.put(t.id(), k);
                agents.add(new BadAgent(k, new InetSocketAddress(InetAddress.getByName(t.agent().host()), t.agent().port())));
            }
            Map<String, Sample> samples = new ConcurrentHashMap<>();
            PollEngine engine = new PollEngine(inventory, client, Clock.systemUTC(), s -> samples.put(s.terminalId(), s), TIMEOUT).confirmRetries(0);
            int cycles = 5;
            long slowest = 0;
            for (int c = 0; c < cycles; c++) {
                samples.clear();
                // these agents answer GETs badly; the satellite interface a MIB-II profile finds by walking ifDescr is
                // taken as found (DeviceFixturesTest covers the discovery; an agent answering noSuchObject makes the
                // poller look again), so every poll here is the GET under test
                for (Terminal t : terminals) if (inventory.profile(t.profile()).iface() != null) inventory.satelliteInterfaces().found(t.id(), 1);
                CycleReport report = engine.poll(terminals).get(30, TimeUnit.SECONDS); // a stuck poll fails here
                slowest = Math.max(slowest, report.durationMillis());
                assertThat(samples).as("a sample for every terminal in cycle %d", c).hasSize(terminals.size());
            }
            Map<Kind, Map<Sample.PollStatus, Integer>> outcome = new EnumMap<>(Kind.class);
            for (Terminal t : terminals) {
                outcome.computeIfAbsent(kindOf.get(t.id()), x -> new EnumMap<>(Sample.PollStatus.class)).merge(samples.get(t.id()).status(), 1, Integer::sum);
            }
            for (Terminal t : terminals) {
                Sample s = samples.get(t.id());
                Kind k = kindOf.get(t.id());
                switch (k) {
                    case WRONG_TYPES -> {
                        assertThat(s.status()).isEqualTo(Sample.PollStatus.ANSWERED);
                        assertThat(s.metrics().values()).as("%s: wrong types are invalid values", t.id())
                                .anyMatch(v -> v instanceof MetricValue.Invalid i && i.reason().startsWith("expected"));
                    }
                    case NO_SUCH_OBJECT -> {
                        assertThat(s.status()).isEqualTo(Sample.PollStatus.ANSWERED);
                        assertThat(s.metrics().values()).allMatch(v -> v instanceof MetricValue.Invalid);
                    }
                    case HUGE_VARBIND_LIST -> {
                        assertThat(s.status()).isEqualTo(Sample.PollStatus.ANSWERED);
                        assertThat(s.metrics().keySet()).as("only the profile's metrics are kept")
                                .isEqualTo(inventory.profile(t.profile()).metrics().stream().map(m -> m.name()).collect(java.util.stream.Collectors.toSet()));
                    }
                    case WRAPPING -> {
                        assertThat(s.status()).isEqualTo(Sample.PollStatus.ANSWERED);
                        // numbers at the top of their type are read as numbers (an enum or text metric given a counter is invalid)
                        for (var m : inventory.profile(t.profile()).metrics()) {
                            if (m.type().name().equals("ENUM") || m.type().name().equals("TEXT")) continue;
                            assertThat(s.metrics().get(m.name())).as("%s %s at its wrap", t.id(), m.name()).isInstanceOf(MetricValue.Reading.class);
                        }
                    }
                    case TRUNCATED, GARBAGE, OTHER_REQUEST_ID -> assertThat(s.status()).as("%s (%s)", t.id(), k).isEqualTo(Sample.PollStatus.TIMEOUT);
                    case ERROR_STATUS -> assertThat(s.status()).isEqualTo(Sample.PollStatus.AGENT_ERROR);
                }
            }
            assertThat(client.stats().pending()).as("requests left pending").isZero();
            int requests = agents.stream().mapToInt(a -> a.requests.get()).sum();
            System.out.printf("bad SNMP data: %d agents x %d cycles, %d requests answered badly, slowest cycle %d ms, %d WARN+ log records (%d with a stack trace); %s%n",
                    agents.size(), cycles, requests, slowest, warnings.get(), stackTraces.get(), outcome);
            // A broken answer costs at most its tries: the timeout x (retries + 1), plus scheduling slack.
            assertThat(slowest).isLessThan(TIMEOUT.toMillis() * 2 + 2000);
            // No storm: at most one line per undecodable datagram (from snmp4j), and no stack trace at all.
            int undecodable = agents.stream().filter(a -> a.kind == Kind.TRUNCATED || a.kind == Kind.GARBAGE).mapToInt(a -> a.requests.get()).sum();
            assertThat(warnings.get()).as("WARN+ log records for %d undecodable answers", undecodable).isLessThanOrEqualTo(undecodable);
            assertThat(stackTraces.get()).as("log records with a stack trace").isZero();
        } finally {
            org.snmp4j.log.LogFactory.setLogFactory(null);
            root.removeHandler(counter);
            agents.forEach(BadAgent::close);
        }
    }
}
