package org.emcomm.vsat.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.simulator.SimAgentServer;
import org.emcomm.vsat.simulator.SimNetwork;

/** A generated network on loopback, with its simulator running on a free port. */
public final class TestNetwork implements AutoCloseable {
    public final Path configDir;
    public final Inventory inventory;
    public final SimNetwork network;
    public final SimAgentServer server;
    public final int port;

    private TestNetwork(Path configDir, Inventory inventory, SimNetwork network, SimAgentServer server, int port) {
        this.configDir = configDir;
        this.inventory = inventory;
        this.network = network;
        this.server = server;
        this.port = port;
    }

    public static TestNetwork start(int terminals, NetworkGenerator.Mix mix, String ipPrefix, Clock clock) throws Exception {
        Path dir = Files.createTempDirectory("emcomm-net");
        int port = freeUdpPort();
        NetworkGenerator.write(dir, terminals, mix, ipPrefix, port);
        Inventory inventory = new ConfigLoader(name -> null).load(dir, projectProfiles());
        SimNetwork network = new SimNetwork(inventory, clock, 7);
        SimAgentServer server = new SimAgentServer(network, 2);
        server.start();
        return new TestNetwork(dir, inventory, network, server, port);
    }

    public static Path projectProfiles() {
        return Path.of("config/profiles");
    }

    /** A UDP port free on 127.0.0.1 now; the generated agents use it on other 127.x addresses. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
