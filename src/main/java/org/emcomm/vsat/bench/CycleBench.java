package org.emcomm.vsat.bench;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.polling.CycleReport;
import org.emcomm.vsat.polling.PollEngine;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.simulator.SimAgentServer;
import org.emcomm.vsat.simulator.SimNetwork;
import org.emcomm.vsat.snmp.Snmp4jClient;

/**
 * Full poll cycle over N simulated terminals, each with its own agent (Comtech and MIB-II
 * profiles): the poller and the simulator share this machine's cores.
 * {@code CycleBench [terminals=10000] [cycles=5] [window=256]}
 */
public final class CycleBench {
    public static void main(String[] args) throws Exception {
        int terminals = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        Path dir = Files.createTempDirectory("emcomm-bench");
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) { port = s.getLocalPort(); }
        NetworkGenerator.write(dir, terminals, NetworkGenerator.Mix.AGENTS_ONLY, "127.90", port);
        Inventory inventory = new ConfigLoader(k -> null).load(dir, Path.of(System.getProperty("emcomm.profiles", "config/profiles")));
        SimNetwork network = new SimNetwork(inventory, Clock.systemUTC(), 1);
        try (SimAgentServer server = new SimAgentServer(network, 1);
             Snmp4jClient client = new Snmp4jClient(inventory.credentials().values(), window, 8 << 20)) {
            server.start();
            PollEngine engine = new PollEngine(inventory, client, Clock.systemUTC(), s -> { });
            List<Long> ms = new ArrayList<>();
            long requests = 0;
            for (int i = -2; i < cycles; i++) { // two warm-up cycles
                CycleReport r = engine.poll(List.copyOf(inventory.terminals())).get(5, TimeUnit.MINUTES);
                if (i >= 0) { ms.add(r.durationMillis()); requests = r.requests(); }
                System.out.printf(Locale.ROOT, "cycle %2d: %5d ms  %s%n", i, r.durationMillis(), r.byStatus());
            }
            Collections.sort(ms);
            long median = ms.get(ms.size() / 2);
            System.out.printf(Locale.ROOT, "terminals=%d agents=%d window=%d requests/cycle=%d%n", terminals, server.agents(), window, requests);
            System.out.printf(Locale.ROOT, "cycle_ms median=%d min=%d max=%d  (%.0f req/s, %.0f terminals/s)%n",
                    median, ms.get(0), ms.get(ms.size() - 1), requests * 1000.0 / median, terminals * 1000.0 / median);
            System.out.printf(Locale.ROOT, "pending after run: %d%n", client.stats().pending());
        }
    }
}
