package org.emcomm.vsat.shard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.testing.ServiceProcess;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged service processes over one simulated network: the records writer (shard 0/2, sending
 * SNMP from 127.0.0.21) and a second replica (shard 1/2, from 127.0.0.22). The simulator notes who
 * asked each agent and when, so the split is checked from the agents' side, not from what the
 * services say about themselves.
 */
class ShardedPollingIT {
    static final int TERMINALS = 120;
    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final String WRITER_IP = "127.0.0.21", POLLER_IP = "127.0.0.22";
    static final String USER = "op", PASSWORD = "test-password-1";

    record Request(long nanos, String sender) {}

    static TestNetwork net;
    static final Map<String, List<Request>> requests = new ConcurrentHashMap<>();
    static Path countFile;
    static ServiceProcess writer, poller;
    static int pollerTrapPort;

    @BeforeAll
    static void start() throws Exception {
        net = TestNetwork.start(TERMINALS, NetworkGenerator.Mix.DEMO, "127.85", Clock.systemUTC());
        net.server.onRequest((agent, sender) -> requests.computeIfAbsent(agent, a -> new CopyOnWriteArrayList<>())
                .add(new Request(System.nanoTime(), ((InetSocketAddress) sender).getAddress().getHostAddress())));
        Files.writeString(net.configDir.resolve("users.yaml"), "users:\n  " + USER + ": {password: \"" + PasswordHash.hash(PASSWORD)
                + "\", roles: [operator]}\n");
        countFile = Files.createTempFile("emcomm-shards", ".count");
        Files.writeString(countFile, "2\n");
        pollerTrapPort = TestNetwork.freeUdpPort();
        Map<String, String> common = new HashMap<>(Map.of(
                "emcomm.config-dir", net.configDir.toString(),
                "emcomm.profiles-dir", TestNetwork.projectProfiles().toAbsolutePath().toString(),
                "emcomm.polling.interval", INTERVAL.toMillis() + "ms",
                "emcomm.polling.tick", "200ms",
                "emcomm.polling.timeout-override", "500ms",
                "emcomm.polling.retry-after-failure", "1s",
                "emcomm.traps.bind-address", "127.0.0.1",
                "emcomm.shard.count-file", countFile.toString(),
                "emcomm.shard.token", "it-shard-token"));
        common.put("emcomm.simulator.enabled", "false");
        Map<String, String> w = new HashMap<>(common);
        w.putAll(Map.of("emcomm.shard.index", "0", "emcomm.polling.source-address", WRITER_IP, "emcomm.traps.port", "0",
                "emcomm.data-dir", Files.createTempDirectory("emcomm-writer").toString()));
        writer = ServiceProcess.start("shard-writer", w, Duration.ofSeconds(60));
        Map<String, String> p = new HashMap<>(common);
        p.putAll(Map.of("emcomm.shard.index", "1", "emcomm.shard.writer-url", writer.url(), "emcomm.polling.source-address", POLLER_IP,
                "emcomm.traps.port", Integer.toString(pollerTrapPort), "emcomm.data-dir", Files.createTempDirectory("emcomm-poller").toString()));
        poller = ServiceProcess.start("shard-poller", p, Duration.ofSeconds(60));
        waitFor("every terminal polled, seen through the writer", Duration.ofSeconds(60), () ->
                terminals(writer).getList("findAll { it.lastPoll != null }").size() == TERMINALS);
    }

    @AfterAll
    static void stop() {
        if (poller != null) poller.close();
        if (writer != null) writer.close();
        if (net != null) net.close();
    }

    static JsonPath terminals(ServiceProcess s) {
        return given().auth().preemptive().basic(USER, PASSWORD).get(s.url() + "/api/terminals").then().statusCode(200).extract().jsonPath();
    }

    /** Who asked each agent between these two instants (System.nanoTime). */
    static Map<String, Set<String>> sendersBetween(long from, long to) {
        Map<String, Set<String>> out = new HashMap<>();
        requests.forEach((agent, list) -> {
            for (Request r : list) if (r.nanos() >= from && r.nanos() < to) out.computeIfAbsent(agent, a -> new TreeSet<>()).add(r.sender());
        });
        return out;
    }

    /** Agents (terminals with their own agent, and hubs whose tables hold remotes) that replica k owns under n. */
    static Set<String> agentsOwned(int k, int n) {
        Set<String> out = new TreeSet<>();
        for (Terminal t : net.inventory.terminals()) if (new ShardPlan(n).owner(t) == k) out.add(t.viaHub() ? t.hub() : t.id());
        return out;
    }

    static Set<String> allAgents() {
        Set<String> out = new TreeSet<>(agentsOwned(0, 1));
        assertThat(out).isNotEmpty();
        return out;
    }

    static Set<String> polledBy(Map<String, Set<String>> senders, String ip) {
        Set<String> out = new TreeSet<>();
        senders.forEach((agent, who) -> { if (who.contains(ip)) out.add(agent); });
        return out;
    }

    static long window() throws InterruptedException {
        long from = System.nanoTime();
        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        return from;
    }

    @Test
    void shardsSplitTheNetworkAndEitherReplicaAnswersForAllOfIt() throws Exception {
        long start = System.nanoTime();

        // 1. Two shards: disjoint sets of polled agents whose union is the whole network.
        long from = window();
        Map<String, Set<String>> senders = sendersBetween(from, System.nanoTime());
        Set<String> byWriter = polledBy(senders, WRITER_IP), byPoller = polledBy(senders, POLLER_IP);
        assertThat(byWriter).as("polled by the writer (shard 0/2)").isEqualTo(agentsOwned(0, 2)).isNotEmpty();
        assertThat(byPoller).as("polled by replica 1 (shard 1/2)").isEqualTo(agentsOwned(1, 2)).isNotEmpty();
        assertThat(byWriter).doesNotContainAnyElementsOf(byPoller);
        Set<String> union = new TreeSet<>(byWriter);
        union.addAll(byPoller);
        assertThat(union).isEqualTo(allAgents());
        assertThat(senders.values()).allSatisfy(who -> assertThat(who).hasSize(1));

        // 2. The whole network through either replica's API, the same answer.
        JsonPath viaWriter = terminals(writer);
        Response viaPollerResponse = given().auth().preemptive().basic(USER, PASSWORD).get(poller.url() + "/api/terminals");
        viaPollerResponse.then().statusCode(200);
        assertThat(viaPollerResponse.header("X-EmComm-Answered-By")).contains("replica 1");
        JsonPath viaPoller = viaPollerResponse.jsonPath();
        assertThat(viaWriter.getList("id")).hasSize(TERMINALS).containsExactlyInAnyOrderElementsOf(viaPoller.getList("id"));
        assertThat(viaPoller.getList("findAll { it.lastPoll != null && it.state != 'UNKNOWN' }")).hasSize(TERMINALS);
        JsonPath shards = given().auth().preemptive().basic(USER, PASSWORD).get(poller.url() + "/api/network/shards")
                .then().statusCode(200).extract().jsonPath();
        assertThat(shards.getInt("count")).isEqualTo(2);
        assertThat(shards.getString("role")).isEqualTo("WRITER");
        assertThat(shards.getInt("replicas.find { it.index == 1 }.samples")).isPositive();
        int ownedByOne = (int) net.inventory.terminals().stream().filter(t -> new ShardPlan(2).owner(t) == 1).count();
        assertThat(shards.getInt("replicas.find { it.index == 1 }.owned")).isEqualTo(ownedByOne);
        assertThat(shards.getInt("owned")).isEqualTo(TERMINALS - ownedByOne);

        // 3. Down to one shard: after the handover the writer polls everything, replica 1 nothing.
        Files.writeString(countFile, "1\n");
        waitFor("replica 1 to hear the new count", Duration.ofSeconds(20), () -> given().get(poller.url() + "/q/health/ready")
                .jsonPath().getInt("checks.find { it.name == 'shard' }.data.count") == 1);
        Thread.sleep(INTERVAL.multipliedBy(2).plus(INTERVAL).toMillis()); // the handover (2 × interval) and one more
        from = window();
        senders = sendersBetween(from, System.nanoTime());
        assertThat(polledBy(senders, WRITER_IP)).as("one shard: the writer polls all").isEqualTo(allAgents());
        assertThat(polledBy(senders, POLLER_IP)).as("one shard: replica 1 polls none").isEmpty();

        // 4. Back to two shards: the split returns.
        Files.writeString(countFile, "2\n");
        waitFor("replica 1 to hear the count back at 2", Duration.ofSeconds(20), () -> given().get(poller.url() + "/q/health/ready")
                .jsonPath().getInt("checks.find { it.name == 'shard' }.data.count") == 2);
        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        from = window();
        senders = sendersBetween(from, System.nanoTime());
        assertThat(polledBy(senders, WRITER_IP)).isEqualTo(agentsOwned(0, 2));
        assertThat(polledBy(senders, POLLER_IP)).isEqualTo(agentsOwned(1, 2));

        // 5. No gap while ownership moved twice: every agent was asked at least every 3 intervals throughout.
        long end = System.nanoTime();
        Map<String, Long> worst = new HashMap<>();
        for (String agent : allAgents()) {
            List<Long> times = new ArrayList<>();
            for (Request r : requests.getOrDefault(agent, List.of())) if (r.nanos() >= start && r.nanos() < end) times.add(r.nanos());
            times.sort(null);
            long gap = times.isEmpty() ? end - start : Math.max(times.get(0) - start, end - times.get(times.size() - 1));
            for (int i = 1; i < times.size(); i++) gap = Math.max(gap, times.get(i) - times.get(i - 1));
            worst.put(agent, gap / 1_000_000);
        }
        System.out.printf("ShardedPollingIT: longest gap between two polls of one agent while the count went 2 -> 1 -> 2: %d ms (interval %d ms)%n",
                worst.values().stream().mapToLong(Long::longValue).max().orElse(-1), INTERVAL.toMillis());
        assertThat(worst).allSatisfy((agent, ms) -> assertThat(ms).as("gap for " + agent).isLessThan(INTERVAL.multipliedBy(3).toMillis()));
    }

    @Test
    void recordsAndTrapsReachTheWriterFromEitherReplica() throws Exception {
        // A record made through replica 1 is the writer's record: read back through the writer.
        Terminal any = net.inventory.terminals().iterator().next();
        String province = net.inventory.province(any.region()).id();
        Map<String, Object> body = Map.of("title", "Shard test quake", "type", "EARTHQUAKE", "regions", List.of(province),
                "onsetAt", java.time.OffsetDateTime.now().minusMinutes(1).toString());
        String id = given().auth().preemptive().basic(USER, PASSWORD).contentType("application/json").body(body)
                .post(poller.url() + "/api/emergencies").then().statusCode(201).extract().jsonPath().getString("id");
        assertThat(given().auth().preemptive().basic(USER, PASSWORD).get(writer.url() + "/api/emergencies/" + id)
                .jsonPath().getString("title")).isEqualTo("Shard test quake");
        // Bad input through replica 1 is the writer's problem+json, unchanged.
        Response bad = given().auth().preemptive().basic(USER, PASSWORD).contentType("application/json").body("{\"title\":\"\"}")
                .post(poller.url() + "/api/emergencies");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");

        // A trap sent to replica 1 is handled by the writer (net-snmp's snmptrap as the sender).
        String oid = "1.3.6.1.4.1.99999.0.77";
        Process trap = new ProcessBuilder("snmptrap", "-v", "2c", "-c", "public", "127.0.0.1:" + pollerTrapPort, "", oid,
                "1.3.6.1.2.1.1.5.0", "s", "shard-trap-test").redirectErrorStream(true).start();
        assertThat(trap.waitFor()).as(new String(trap.getInputStream().readAllBytes())).isZero();
        waitFor("the writer to record the trap sent to replica 1", Duration.ofSeconds(15), () ->
                given().auth().preemptive().basic(USER, PASSWORD).get(writer.url() + "/api/traps?unknown=true").jsonPath()
                        .getList("traps.oid").contains(oid));
        // The internal calls are refused without the shared token.
        given().contentType("application/json").body("[]").post(writer.url() + "/internal/shard/samples").then().statusCode(403);
        given().header("X-EmComm-Shard-Token", "wrong").header("X-EmComm-Shard", "1").contentType("application/json").body("[]")
                .post(writer.url() + "/internal/shard/samples").then().statusCode(403);
    }

    static void waitFor(String what, Duration within, BooleanSupplier done) throws InterruptedException {
        org.emcomm.vsat.testing.Await.until(what, within, done, () -> "\n--- writer ---\n" + writer.tail()
                + "\n--- replica 1 ---\n" + (poller == null ? "" : poller.tail()));
    }
}
