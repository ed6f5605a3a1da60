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
    private final jakarta.enterprise.inject.Instance<org.emcomm.vsat.traps.TrapService> traps;
    private TrapSender sender;
    private java.util.concurrent.ScheduledExecutorService sweeper;

    SimulatorService(EmcommConfig config, Inventory inventory, Clock clock,
                     jakarta.enterprise.inject.Instance<org.emcomm.vsat.traps.TrapService> traps) {
        this.config = config;
        this.inventory = inventory;
        this.clock = clock;
        this.traps = traps;
    }

    void start(@Observes @Priority(100) StartupEvent event) throws InterruptedException {
        if (!config.simulator().enabled()) return;
        Link terminals, hubs;
        try {
            terminals = Link.parse(config.simulator().link().terminals());
            hubs = Link.parse(config.simulator().link().hubs());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("emcomm.simulator.link: " + e.getMessage(), e);
        }
        network = new SimNetwork(inventory, clock, config.simulator().seed()).links(terminals, hubs);
        server = new SimAgentServer(network, config.simulator().threads());
        server.start();
        sender = new TrapSender(inventory.credentials().values());
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-scenarios");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        Log.infof("simulator: %d agents answering for %d terminals; terminals' link %s, hubs' link %s", server.agents(),
                inventory.terminals().size(), terminals, hubs);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) sweeper.shutdownNow();
        if (sender != null) sender.close();
        if (server != null) server.close();
    }

    /** Ends the scenarios whose time is up, with their clearing traps (runs every second; tests call it after moving the clock). */
    public void sweep() {
        if (network == null) return;
        try {
            for (Scenario s : network.expire()) {
                Log.infof("simulator scenario %s %s on %s ended", s.id(), s.type(), s.target());
                sendTraps(s, false);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "simulator sweep failed");
        }
    }

    private void sendTraps(Scenario s, boolean raise) {
        String target = config.simulator().trapTarget().orElse(null);
        if (target == null) {
            int port = traps.isResolvable() ? traps.get().port() : -1;
            if (port <= 0) return;
            target = "127.0.0.1:" + port;
        }
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon);
        int port = Integer.parseInt(target.substring(colon + 1));
        List<SimNetwork.SimTrap> list = network.trapsFor(s, raise);
        for (SimNetwork.SimTrap t : list) {
            try {
                sender.send(t.sourceHost(), t.credential(), host, port, t.oid(), t.varbinds(), network.uptimeMillis());
            } catch (java.io.IOException | RuntimeException e) {
                Log.warnf("simulator: trap %s from %s not sent: %s", t.oid(), t.sourceHost(), e.getMessage());
            }
        }
        if (!list.isEmpty()) Log.debugf("simulator: %d %s traps for %s", list.size(), raise ? "raise" : "clear", s.id());
    }

    public boolean enabled() { return network != null; }

    public Scenario start(ScenarioType type, String target, Duration duration, double delaySeconds) {
        Scenario s = network().start(type, target, duration, delaySeconds);
        Log.infof("simulator scenario %s %s on %s for %s", s.id(), type, target, duration);
        sendTraps(s, true);
        return s;
    }

    public List<Scenario> active() { return network().active(); }

    /** Requests the simulated agents took since start, by PDU type (SET must never be one: the service is read-only). */
    public java.util.Map<String, Long> requestsByType() { return network().requestsByType(); }

    public void clear() {
        for (Scenario s : network().clear()) sendTraps(s, false);
        Log.info("simulator back to clear sky");
    }

    /** Every datagram to and from every simulated agent is lost with this probability, each way (0 = none). */
    public void packetLoss(double share) { network().packetLoss(share); }

    private SimNetwork network() {
        if (network == null) throw new IllegalStateException("the simulator is not enabled");
        return network;
    }
}
