package org.emcomm.vsat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Every {@code emcomm.*} key, with its default. Environment variables work too:
 * {@code EMCOMM_CONFIG_DIR}, {@code EMCOMM_DATA_DIR}, {@code EMCOMM_POLLING_INTERVAL} … */
@ConfigMapping(prefix = "emcomm")
public interface EmcommConfig {
    /** Folder with inventory.yaml, credentials.yaml and users.yaml. */
    @WithDefault("config")
    String configDir();

    /** Folder of device profiles (*.yaml); default: {@code <config-dir>/profiles}. */
    Optional<String> profilesDir();

    /** Folder for the service's own data (journal, spool, local store). */
    @WithDefault("data")
    String dataDir();

    /** Zone for yearly indicators and the console's times. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Polling polling();

    Simulator simulator();

    interface Polling {
        /** Poll on a schedule; off leaves only on-demand polls. */
        @WithDefault("true")
        boolean enabled();

        /** How often each terminal is polled. */
        @WithDefault("60s")
        Duration interval();

        /** Each terminal's next poll is spread by ± this share of the interval. */
        @WithDefault("0.1")
        double jitter();

        /** After a failed poll, poll again this soon, doubling per failure up to the interval. */
        @WithDefault("10s")
        Duration retryAfterFailure();

        /** How often the scheduler looks for due terminals. */
        @WithDefault("1s")
        Duration tick();

        /** SNMP requests in flight at most; more wait in a queue. */
        @WithDefault("256")
        int window();

        /** UDP receive buffer of the SNMP socket. */
        @WithDefault("4194304")
        int receiveBufferBytes();

        /** Overrides every profile's timeout (tests use a short one). */
        Optional<Duration> timeoutOverride();
    }

    interface Simulator {
        /** Run the built-in simulated network described by the inventory (demo and tests). */
        @WithDefault("false")
        boolean enabled();

        /** Seed of the simulated terminals' clear-sky figures. */
        @WithDefault("42")
        long seed();

        /** Netty event-loop threads serving the simulated agents. */
        @WithDefault("2")
        int threads();
    }
}
