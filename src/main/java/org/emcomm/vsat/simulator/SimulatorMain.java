package org.emcomm.vsat.simulator;

import java.nio.file.Path;
import java.time.Clock;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;

/** The simulator on its own (for benchmarks and peers): {@code SimulatorMain CONFIG_DIR [PROFILES_DIR] [THREADS]}. */
public final class SimulatorMain {
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "config/demo");
        Path profiles = Path.of(args.length > 1 ? args[1] : "config/profiles");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Inventory inventory = ConfigLoader.withSystemEnvironment().load(config, profiles);
        SimAgentServer server = new SimAgentServer(new SimNetwork(inventory, Clock.systemUTC(), 42), threads);
        server.start();
        System.out.printf("simulator: %d agents for %d terminals from %s; Ctrl-C stops%n", server.agents(), inventory.terminals().size(), config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
