package org.emcomm.vsat.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.security.UsersFile;

/**
 * Hot reload of the configuration folder. Every {@code emcomm.config-watch} (and on
 * {@code POST /api/config/reload}) the files are fingerprinted; a changed set is checked whole, as a start would
 * check it. A bad set is refused and the running configuration stays, with the error (file, key, line) in the
 * log, in {@code GET /api/config} and in {@code emcomm_config_reloads_total{outcome="rejected"}}. A good set
 * applies users.yaml at once; a changed inventory, credentials or profiles is checked and shown as waiting for a
 * restart, since the poller, the state machines and the simulator are built from the inventory at start.
 */
@ApplicationScoped
public class ConfigWatch {
    /** Fired after a changed configuration was checked and found good, with the users it checked. */
    public record Applied(Instant at, UsersFile.Checked users) {}

    /** What the last check found. {@code outcome}: RUNNING (as started), APPLIED, RESTART_REQUIRED, REJECTED. */
    public record Status(String outcome, Instant startedWith, Instant checkedAt, Instant changedAt, String error,
                         String errorFile, String errorKey, boolean restartRequired) {}

    private final EmcommConfig config;
    private final Clock clock;
    private final Event<Applied> applied;
    private final MeterRegistry registry;
    private final Path dir;
    private final Path profiles;
    private String runningInventory;  // fingerprint of everything but users.yaml, as started
    private String lastSeen;          // fingerprint of the whole folder at the last check
    private Status status;
    private ScheduledExecutorService timer;

    ConfigWatch(EmcommConfig config, Clock clock, Event<Applied> applied, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.applied = applied;
        this.registry = registry;
        this.dir = Path.of(config.configDir());
        this.profiles = config.profilesDir().map(Path::of).orElse(dir.resolve("profiles"));
    }

    void start(@Observes StartupEvent event) {
        Instant now = clock.instant();
        synchronized (this) {
            Fingerprint f = fingerprint();
            runningInventory = f.withoutUsers();
            lastSeen = f.all();
            status = new Status("RUNNING", now, now, null, null, null, null, false);
        }
        long every = config.configWatch().toMillis();
        if (every <= 0) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                check(false);
            } catch (RuntimeException e) {
                Log.errorf(e, "checking %s for changes failed", dir);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) timer.shutdownNow();
    }

    public synchronized Status status() { return status; }

    /** Checks the folder now; {@code force} checks it even when no file changed since the last check. */
    public synchronized Status check(boolean force) {
        Fingerprint f = fingerprint();
        String now = f.all();
        Instant at = clock.instant();
        if (!force && now.equals(lastSeen)) return status;
        boolean changed = !now.equals(lastSeen);
        lastSeen = now;
        UsersFile.Checked users;
        try {
            ConfigLoader.withSystemEnvironment().load(dir, profiles);
            users = UsersFile.check(dir.resolve("users.yaml"));
        } catch (ConfigException e) {
            status = new Status("REJECTED", status.startedWith(), at, changed ? at : status.changedAt(), e.getMessage(), e.file(), e.key(),
                    status.restartRequired());
            count("rejected");
            Log.errorf("configuration change in %s refused, the running configuration stays: %s", dir, e.getMessage());
            return status;
        }
        boolean restart = !f.withoutUsers().equals(runningInventory);
        applied.fire(new Applied(at, users));
        status = new Status(restart ? "RESTART_REQUIRED" : "APPLIED", status.startedWith(), at, changed ? at : status.changedAt(),
                null, null, null, restart);
        count("applied");
        if (restart) {
            Log.warnf("configuration in %s changed and checks out; users are applied, the inventory, credentials and profiles"
                    + " take effect at the next start", dir);
        } else {
            Log.infof("configuration in %s changed and checks out; users applied", dir);
        }
        return status;
    }

    private void count(String outcome) {
        Counter.builder("emcomm.config.reloads").tag("outcome", outcome).register(registry).increment();
    }

    /** Digests over the names and bytes of the folder's YAML files and the profiles: all of them, and all but users.yaml
     * (whose changes apply at once; the rest waits for a restart). One read of each file. */
    private record Fingerprint(String all, String withoutUsers) {}

    private Fingerprint fingerprint() {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            MessageDigest rest = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            for (Path folder : List.of(dir, profiles)) {
                if (!Files.isDirectory(folder)) continue;
                try (Stream<Path> s = Files.list(folder)) {
                    s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
                }
            }
            Path users = dir.resolve("users.yaml");
            for (Path f : files) {
                byte[] name = f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    bytes = ("unreadable " + e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                for (MessageDigest d : f.equals(users) ? List.of(all) : List.of(all, rest)) {
                    d.update(name);
                    d.update((byte) 0);
                    d.update(bytes);
                    d.update((byte) 0);
                }
            }
            return new Fingerprint(HexFormat.of().formatHex(all.digest()), HexFormat.of().formatHex(rest.digest()));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            String unreadable = "unreadable: " + e.getMessage();
            return new Fingerprint(unreadable, unreadable);
        }
    }
}
