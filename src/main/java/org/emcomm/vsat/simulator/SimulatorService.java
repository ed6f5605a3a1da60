package org.emcomm.vsat.simulator;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.inventory.Inventory;

/** Runs the simulated network inside the service when {@code emcomm.simulator.enabled}
 * (the demo and test profiles). Starts before polling does. */
@ApplicationScoped
public class SimulatorService {
    private final EmcommConfig config;
    private final Inventory inventory;
    private final Clock clock;
    private volatile SimNetwork network;
    private volatile SimAgentServer server;

    SimulatorService(EmcommConfig config, Inventory inventory, Clock clock) {
        this.config = config;
        this.inventory = inventory;
        this.clock = clock;
    }

    void start(@Observes @Priority(100) StartupEvent event) throws InterruptedException {
        if (!config.simulator().enabled()) return;
        network = new SimNetwork(inventory, clock, config.simulator().seed());
        server = new SimAgentServer(network, config.simulator().threads());
        server.start();
        Log.infof("simulator: %d agents answering for %d terminals", server.agents(), inventory.terminals().size());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) server.close();
    }

    public boolean enabled() { return network != null; }

    public Scenario start(ScenarioType type, String target, Duration duration, double delaySeconds) {
        Scenario s = network().start(type, target, duration, delaySeconds);
        Log.infof("simulator scenario %s %s on %s for %s", s.id(), type, target, duration);
        return s;
    }

    public List<Scenario> active() { return network().active(); }

    public void clear() {
        network().clear();
        Log.info("simulator back to clear sky");
    }

    private SimNetwork network() {
        if (network == null) throw new IllegalStateException("the simulator is not enabled");
        return network;
    }
}
