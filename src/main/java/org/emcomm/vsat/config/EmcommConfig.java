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

    /** How often the configuration folder is checked for changes (hot reload); 0 turns the check off
     * ({@code POST /api/config/reload} still works). */
    @WithDefault("10s")
    java.time.Duration configWatch();

    /** Folder for the service's own data (journal, spool, local store). */
    @WithDefault("data")
    String dataDir();

    /** Zone for yearly indicators and the console's times. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Polling polling();

    Shard shard();

    Simulator simulator();

    Journal journal();

    Influx influx();

    Samples samples();

    Incidents incidents();

    Traps traps();

    Mibs mibs();

    /** MIB files the operator loads (vendor MIBs are never shipped): their object names label traps and varbinds. */
    interface Mibs {
        /** Folder of MIB files, read with net-snmp's snmptranslate at start; empty: names come from the profiles only. */
        Optional<String> dir();
    }

    Notifications notifications();

    Emergencies emergencies();

    Drills drills();

    Compliance compliance();

    Login login();

    /** Failed logins (HTTP Basic and the console's form), counted per user name and per source address (docs/access.md). */
    interface Login {
        /** Failures a user name may have before each further try must wait (1 s, doubling, up to max-delay). */
        @WithDefault("3")
        int freeFailures();

        /** Failures of one user name within the window that lock it for lock-duration (audited; GET /api/access/locks). */
        @WithDefault("10")
        int maxFailures();

        /** The same two bounds for one source address, whatever names it tries (a NOC behind one NAT mistypes too). */
        @WithDefault("20")
        int sourceFreeFailures();

        @WithDefault("30")
        int sourceMaxFailures();

        @WithDefault("30s")
        java.time.Duration maxDelay();

        @WithDefault("15m")
        java.time.Duration lockDuration();

        /** Failures older than this are forgotten. */
        @WithDefault("15m")
        java.time.Duration window();

        /** Session cookies get {@code Secure}: {@code auto} when the request came over TLS (directly, or through a proxy
         * Quarkus trusts for X-Forwarded-Proto), {@code always} behind a TLS proxy that is not trusted that way. */
        @WithDefault("auto")
        String secureCookies();
    }

    /** Targets of the indicators besides the drills' (docs/compliance.md); the drill target is {@code emcomm.drills.target}. */
    interface Compliance {
        /** Major incidents on the VSAT network a year may have at most. */
        @WithDefault("2")
        int majorIncidents();

        /** Share of support tasks due that must be completed (1.0 = 100 %). */
        @WithDefault("1.0")
        double taskCompletion();

        /** Share of monitored terminal-time up (UP or DEGRADED), declared maintenance left out (0.995 = 99.5 %). */
        @WithDefault("0.995")
        double availability();

        /** A gap between two samples of a terminal longer than this counts only this much (the service was not watching). */
        @WithDefault("10m")
        Duration availabilityMaxGap();

        /** How often the indicators of this year are checked for a turn to AT_RISK or MISSED, and the availability ledger written. */
        @WithDefault("60s")
        Duration tick();

        /** Weights of the self-evaluation (domain.md §1); the grade is the total over the sum of weights, out of 100. */
        Weights weights();

        interface Weights {
            @WithDefault("25")
            double drills();

            @WithDefault("25")
            double majorIncidents();

            @WithDefault("25")
            double statusReportTimeliness();

            @WithDefault("25")
            double taskCompletion();

            /** Not in the budget's scoring by default: shown with its target, not scored. */
            @WithDefault("0")
            double availability();
        }
    }

    /** Drills: the yearly target, live verification and attachments (docs/drills.md). */
    interface Drills {
        /** Completed drills a year must reach. */
        @WithDefault("30")
        int target();

        /** Poll interval of a running drill's terminals, so their first UP after the start is timed closely. */
        @WithDefault("15s")
        Duration fastInterval();

        /** A verification round waits at most this long for its fresh poll; terminals still unanswered are recorded as such. */
        @WithDefault("20s")
        Duration verifyTimeout();

        /** How often first-UP times are written and corrective actions checked for being overdue. */
        @WithDefault("1s")
        Duration tick();

        /** Largest attachment accepted, in bytes. */
        @WithDefault("20971520")
        long attachmentMaxBytes();

        /** Content types accepted for attachments; each is checked against the file's first bytes (text: UTF-8). */
        @WithDefault("application/pdf,image/jpeg,image/png,text/plain,text/csv,"
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        java.util.List<String> attachmentTypes();
    }

    /** Emergencies and their status-report clock (docs/emergencies.md). */
    interface Emergencies {
        /** Time allowed for the first status report. */
        @WithDefault("30m")
        Duration reportLimit();

        /** Whether the report clock starts at the declaration or at the onset of the emergency. */
        @WithDefault("declaration")
        ClockStart clockFrom();

        /** Warnings when this much time is left before the report is due (each fires once). */
        @WithDefault("10m,5m")
        java.util.List<Duration> warnings();

        /** Poll interval of the affected terminals while the emergency is open. */
        @WithDefault("15s")
        Duration fastInterval();

        /** A draft's facts are completed when its fresh poll is done, or after this long with what came in (terminals
         * still waited for are reported as such), and again when the poll is done. Nothing waits for it. */
        @WithDefault("20s")
        Duration freshPollTimeout();

        /** How often the report clocks are checked. */
        @WithDefault("1s")
        Duration tick();

        enum ClockStart { DECLARATION, ONSET }

        /** How the status report reads as a document the authority files. */
        Report report();

        interface Report {
            /** The issuing organisation, at the head of every report. */
            @WithDefault("应急通信保障中心 Emergency Communications Support Centre")
            String organisation();

            /** The document number: {year}, {emergency} (EM-000001), {report} (R1) and {number} (1) are filled in. */
            @WithDefault("应急通信〔{year}〕{emergency}-{number}号")
            String documentNumber();

            /** Classification printed at the top right, e.g. 内部 Internal, 秘密 Secret. */
            @WithDefault("内部 Internal")
            String classification();

            /** Up to this many terminals, the PDF lists every terminal in an annex; above it, summary tables and the
             * critical terminals, with the per-terminal rows in the CSV (or ?annex=true). */
            @WithDefault("200")
            int annexMaxTerminals();
        }
    }

    /** Detection, reduction, correlation and the major rule (docs/incidents.md). */
    interface Incidents {
        /** A terminal condition waits at least this long before it opens, so a parent or rain fade formed meanwhile takes it as a child. */
        @WithDefault("20s")
        Duration hold();

        /**
         * At most this long: a terminal's own incident opens once every other terminal of its beam and hub (and province,
         * for a degradation) has been polled since it went wrong, so correlation has seen whether it is part of a larger
         * outage; or once this has passed when some of them are not polled (at least the hold).
         */
        @WithDefault("3m")
        Duration correlationWait();

        /** A recurrence of a resolved condition within this window reopens its incident. */
        @WithDefault("10m")
        Duration reopenWindow();

        /** An active terminal incident the polls no longer confirm resolves after this long. */
        @WithDefault("5m")
        Duration clearAfter();

        /** A REBOOT incident resolves after this long without another reboot. */
        @WithDefault("15m")
        Duration rebootHold();

        /** How often time-based rules run (hold, flapping quiet, escalation, the major rule). */
        @WithDefault("1s")
        Duration tick();

        Flapping flapping();

        Parent parent();

        RainFade rainFade();

        Major major();

        interface Flapping {
            /** State changes within the window that make a terminal FLAPPING. */
            @WithDefault("4")
            int transitions();

            @WithDefault("10m")
            Duration window();

            /** FLAPPING ends after this long without a state change. */
            @WithDefault("10m")
            Duration quiet();
        }

        interface Parent {
            /** Share (0-1] of a hub's or beam's terminals going down within the window that raises one parent incident. */
            @WithDefault("0.5")
            double share();

            /** Hubs and beams with fewer terminals are never raised by share. */
            @WithDefault("3")
            int minTerminals();

            @WithDefault("5m")
            Duration window();

            /** Reads of a hub's tables in a row without an answer (the later ones confirming, with more tries) that make a
             * HUB_OUTAGE on their own; one is enough when terminals of the hub are losing service at the same time. */
            @WithDefault("2")
            int hubSilentReads();
        }

        interface RainFade {
            /** Terminals of one province or beam whose Es/No drops within the window. */
            @WithDefault("3")
            int terminals();

            /** Drop below a terminal's clear-sky Es/No that counts as fading, in dB. */
            @WithDefault("3.0")
            double dropDb();

            @WithDefault("10m")
            Duration window();

            /** A rain fade lasting longer is graded by its geographic scope instead of level IV. */
            @WithDefault("30m")
            Duration escalateAfter();
        }

        /** The major rule (domain.md §2 default); its text and version are stored on each incident. */
        interface Major {
            @WithDefault("60m")
            Duration parentOutage();

            @WithDefault("10")
            int terminals();

            @WithDefault("2")
            int provinces();

            @WithDefault("60m")
            Duration serviceOutage();

            @WithDefault("30m")
            Duration criticalOutage();
        }
    }

    /** The SNMP trap and inform receiver. */
    interface Traps {
        @WithDefault("true")
        boolean enabled();

        /** Address to listen on; 0.0.0.0 for every interface. */
        @WithDefault("0.0.0.0")
        String bindAddress();

        /** UDP port (162 needs privileges; 0 picks a free port). */
        @WithDefault("1162")
        int port();

        /** Unknown traps kept in memory for GET /api/traps (all are in the journal). */
        @WithDefault("1000")
        int recent();

        /** Traps received and waiting to be mapped and recorded at most; past it a flood's traps are dropped and counted. */
        @WithDefault("10000")
        int queue();
    }

    /** Webhooks told of incidents opening, escalating and resolving. */
    interface Notifications {
        /** By name: emcomm.notifications.webhooks.noc.url=…, .secret=… */
        java.util.Map<String, Webhook> webhooks();

        interface Webhook {
            String url();

            /** HMAC-SHA256 key of the X-EmComm-Signature header. */
            String secret();

            /** Attempts before a delivery is given up (and shown as failed). */
            @WithDefault("8")
            int maxAttempts();

            /** First retry after this long, doubling per attempt, at most 5 minutes. */
            @WithDefault("1s")
            Duration backoff();

            @WithDefault("10s")
            Duration timeout();
        }
    }

    interface Journal {
        /** A segment file is closed and a new one begun past this size. */
        @WithDefault("67108864")
        long segmentBytes();

        /** The way out of a damaged journal: keep the good prefix, move the rest to a damaged-TIME folder, start. */
        @WithDefault("false")
        boolean cutAtDamage();

        /** How often the journal's head is written to its anchor file (when it moved), so lost entries at its end show;
         * also when a compliance report is issued and at shutdown. 0 turns the periodic write off. */
        @WithDefault("10s")
        Duration anchorInterval();

        /** Free space on the data disk kept for the records: below it, optional writes (drill attachments, notes) are
         * refused with 507 while records still go in. */
        @WithDefault("268435456")
        long reserveBytes();

        /** While records are refused for lack of space, how often the journal tries again by itself (no restart). */
        @WithDefault("5s")
        Duration retryInterval();
    }

    /** InfluxDB (2.x, 3.x, or 1.8+ through its /api/v2 compatibility). No url: the embedded default. */
    interface Influx {
        /** e.g. http://influxdb:8086; unset = records in the journal, samples in the local store. */
        Optional<String> url();

        /** API token (2.x/3.x); for 1.x give username and password instead. */
        Optional<String> token();

        Optional<String> username();

        Optional<String> password();

        @WithDefault("emcomm")
        String org();

        /** Bucket of records (events); for 1.x "database/retention-policy". */
        @WithDefault("emcomm/autogen")
        String bucket();

        /** Bucket of samples; default: the records bucket. A finite retention suits samples. */
        Optional<String> sampleBucket();

        /** Samples per write. */
        @WithDefault("5000")
        int batchSize();

        /** A partial batch is written after this long. */
        @WithDefault("1s")
        Duration flushInterval();

        /** Bound of the on-disk sample spool used while InfluxDB is unreachable; past it the oldest are shed. */
        @WithDefault("268435456")
        long spoolMaxBytes();

        /** Connect/read/write timeout of each call to InfluxDB. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Samples {
        /** Days the embedded local sample store keeps (at least 7 by the product's promise). */
        @WithDefault("8")
        int localRetentionDays();

        /** A history read without step returns at most this many samples. */
        @WithDefault("10000")
        int maxPoints();
    }

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

        /** Local address the SNMP socket sends from (a multi-homed host's NMS interface, which terminals'
         * access lists allow); 0.0.0.0 lets the system choose. */
        @WithDefault("0.0.0.0")
        String sourceAddress();

        /** Overrides every profile's timeout (tests use a short one). */
        Optional<Duration> timeoutOverride();

        /** Retries of the poll that follows an unanswered one, so a lossy link's lost datagrams are not taken for an
         * outage (at least the profile's own retries are used). */
        @WithDefault("5")
        int confirmRetries();
    }

    /** Sharded polling across replicas (docs/adr/0003, k8s/README.md). One replica by default. */
    interface Shard {
        /** How many replicas share the polling. The records writer (replica 0) reads it, and the
         * file below when set; the other replicas learn it from the writer. */
        @WithDefault("1")
        int count();

        /** A file holding the count, re-read every tick so it can change without a restart (a mounted ConfigMap key). */
        Optional<String> countFile();

        /** This replica's index; default: the ordinal at the end of {@code pod} below, else 0. */
        Optional<Integer> index();

        /** This replica's StatefulSet pod name ({@code emcomm-2} is replica 2); k8s sets it from the downward API. */
        Optional<String> pod();

        /** Base URL of the records writer (replica 0), which every other replica sends its samples and
         * traps to and forwards the API to. */
        Optional<String> writerUrl();

        /** Shared secret of the replicas' internal calls ({@code /internal/shard/*}); they are refused without it. */
        Optional<String> token();

        /** After the count changes, a replica keeps polling the terminals it gave up for this long, so
         * the new owner has polled them before the old one stops; default: twice the poll interval. */
        Optional<Duration> handover();

        /** Samples a replica holds for the writer while it cannot reach it; the oldest go first past this. */
        @WithDefault("200000")
        int backlog();
    }

    interface Simulator {
        /** Run the built-in simulated network described by the inventory (demo and tests). */
        @WithDefault("false")
        boolean enabled();

        /** Seed of the simulated terminals' clear-sky figures. */
        @WithDefault("42")
        long seed();

        /** Where simulated agents send their traps (host:port); default: this service's own receiver. */
        Optional<String> trapTarget();

        /** Netty event-loop threads serving the simulated agents. */
        @WithDefault("2")
        int threads();

        Links link();

        /** The path to the simulated agents: none (loopback), terrestrial, geo, geo-double-hop, or written out
         * ({@code geo,loss=0.02}, {@code rtt=550,jitter=20,loss=0.01}); docs/configuration.md. */
        interface Links {
            /** The terminals' own agents (modems behind the satellite). */
            @WithDefault("none")
            String terminals();

            /** The hubs' NMS agents (on the ground network). */
            @WithDefault("none")
            String hubs();
        }
    }
}
