package org.emcomm.vsat.simulator;

import java.nio.file.Path;
import java.time.Clock;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;

/** The simulator on its own (for benchmarks and peers): {@code SimulatorMain CONFIG_DIR [PROFILES_DIR] [THREADS] [RECORDINGS_DIR]};
 * {@code -Demcomm.simulator.link.terminals=geo -Demcomm.simulator.link.hubs=terrestrial} put the agents behind links
 * ({@code <profile>.snmprec} in RECORDINGS_DIR serves that profile's agents before the shipped fixture). */
public final class SimulatorMain {
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "config/demo");
        Path profiles = Path.of(args.length > 1 ? args[1] : "config/profiles");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Inventory inventory = ConfigLoader.withSystemEnvironment().load(config, profiles);
        java.util.Map<String, Recording> recordings = args.length > 3 ? SimNetwork.recordings(inventory, Path.of(args[3])) : java.util.Map.of();
        SimNetwork network = new SimNetwork(inventory, Clock.systemUTC(), 42, recordings)
                .links(Link.parse(System.getProperty("emcomm.simulator.link.terminals")), Link.parse(System.getProperty("emcomm.simulator.link.hubs")));
        if (!network.fromProfile().isEmpty()) System.out.printf("simulator: %d agents have no recording and answer from their profile%n", network.fromProfile().size());
        SimAgentServer server = new SimAgentServer(network, threads);
        server.start();
        System.out.printf("simulator: %d agents for %d terminals from %s; terminals' link %s, hubs' link %s; Ctrl-C stops%n", server.agents(),
                inventory.terminals().size(), config, network.terminalLink(), network.hubLink());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
