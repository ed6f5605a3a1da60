package org.emcomm.vsat.journal;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.emcomm.vsat.config.EmcommConfig;

/** Opens the journal under {@code <data-dir>/journal} at start-up, rebuilds the projections from it
 * (or, on a fresh node, from the event archive), and appends record changes. */
@ApplicationScoped
public class JournalService {
    private final EmcommConfig config;
    private final Clock clock;
    private final Instance<Projection> projections;
    private final Instance<EventArchive> archive;
    private Journal journal;
    private Map<String, List<Projection>> byStream;

    private final DiskSpace disk;

    JournalService(EmcommConfig config, Clock clock, Instance<Projection> projections, Instance<EventArchive> archive, DiskSpace disk) {
        this.disk = disk;
        this.config = config;
        this.clock = clock;
        this.projections = projections;
        this.archive = archive;
    }

    @PostConstruct
    void open() {
        byStream = projections.stream().collect(Collectors.groupingBy(Projection::stream));
        Path dir = Path.of(config.dataDir()).resolve("journal");
        try {
            journal = Journal.open(dir, new Journal.Options(config.journal().segmentBytes(), config.journal().cutAtDamage(), disk::beforeWrite, clock),
                    this::project);
        } catch (JournalCorruptException e) {
            // one line naming the file and offset, as configuration errors stop the start: no stack trace
            throw new io.quarkus.runtime.configuration.ConfigurationException(e.getMessage());
        }
        compareWithArchive(dir);
        if (journal.head().seq() == 0 && archive.isResolvable()) {
            List<JournalEvent> archived;
            try {
                archived = archive.get().readAll();
            } catch (RuntimeException e) {
                // Starting empty would begin a second history beside the archived one: stop, and say why.
                throw new IllegalStateException("journal: this node's journal in " + dir + " is empty and the record archive"
                        + " (InfluxDB) could not be read to rebuild it: " + e.getMessage() + ". Start again when InfluxDB answers.", e);
            }
            if (!archived.isEmpty()) {
                journal.importEvents(archived);
                archived.forEach(this::project);
                Log.infof("journal: fresh node rebuilt %d events from the archive (head seq %d)", archived.size(), journal.head().seq());
            }
        }
        journal.addListener(this::project);
        Log.infof("journal: %s open at seq %d", dir, journal.head().seq());
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        // touching the bean opens the journal before anything else starts
        journal.head();
        Duration every = config.journal().anchorInterval();
        if (!every.isZero() && !every.isNegative()) anchors = org.emcomm.vsat.config.Ticker.every("journal-anchor", every, "journal anchor", this::anchor);
        space = org.emcomm.vsat.config.Ticker.every("journal-space", config.journal().retryInterval(), "journal space", this::retry);
    }

    void stop(@Observes ShutdownEvent event) {
        if (space != null) space.close();
        if (anchors != null) anchors.close();
        journal.close();
    }

    private org.emcomm.vsat.config.Ticker anchors;
    private org.emcomm.vsat.config.Ticker space;
    private volatile Journal.Outage audited;
    private final java.util.List<Runnable> resumed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Records refused now for lack of space (or a refused write), or null. */
    public Journal.Outage outage() { return journal.outage(); }

    /** Free bytes on the data disk, as far as the file system says. */
    public long freeBytes() { return disk.usable(journal.dir()); }

    public long reserveBytes() { return config.journal().reserveBytes(); }

    /** Writes an outage's record once it is over (or to learn whether it is): the audit trail's entry. Throws
     * {@link JournalUnavailableException} while records are still refused. */
    public interface OutageRecord {
        void write(Journal.Outage outage, java.time.Instant until);
    }

    private volatile OutageRecord outageRecord;

    public void recordOutagesWith(OutageRecord record) { this.outageRecord = record; }

    /** Called (on the retry ticker's thread) when records are written again after an outage. */
    public void onResume(Runnable r) { resumed.add(r); }

    /**
     * An optional write of about {@code bytes} (an attachment, a note): refused with 507 while records are refused, and
     * while it would leave less than the reserve free, so the records themselves keep their room.
     */
    public void checkRoom(String what, long bytes) {
        Journal.Outage o = journal.outage();
        if (o != null) throw new JournalUnavailableException("records cannot be written now: " + o.reason() + "; the " + what + " was not stored");
        long free = freeBytes();
        long reserve = config.journal().reserveBytes();
        if (free - bytes < reserve) {
            throw new JournalUnavailableException(String.format(java.util.Locale.ROOT, "the data disk has %.1f MB free and keeps %.1f MB for the"
                    + " records: the %s was not stored (it may take up to %.1f MB)", free / 1e6, reserve / 1e6, what, bytes / 1e6));
        }
    }

    /**
     * While records are refused, tries again by itself: the outage's audit record is the write that probes. Once one goes
     * in (or another write already went through), the outage is audited, with how long it lasted and what it refused,
     * and whoever waits to write what it kept in memory is told.
     */
    void retry() {
        Journal.Outage now = journal.outage();
        Journal.Outage ended = journal.lastOutage();
        if (now == null && (ended == null || ended == audited)) return;
        if (now != null && freeBytes() < (1 << 20)) return; // still full: a probe would only fail (and count as refused)
        Journal.Outage o = now != null ? now : ended;
        if (outageRecord == null) return;
        try {
            outageRecord.write(o, clock.instant());
        } catch (JournalUnavailableException e) {
            return; // still full
        }
        audited = journal.lastOutage();
        Log.warnf("journal: records are written again; the outage since %s (%s, %d refused) is in the audit trail", o.since(), o.reason(), o.refused());
        for (Runnable r : resumed) {
            try {
                r.run();
            } catch (RuntimeException e) {
                Log.errorf(e, "journal: after the outage");
            }
        }
    }

    private volatile long anchored = -1;

    /** Writes the head to the anchor file when it moved (every emcomm.journal.anchor-interval, and when a report is issued). */
    public void anchor() {
        long seq = journal.head().seq();
        if (seq == anchored) return;
        journal.anchor();
        anchored = seq;
    }

    /**
     * The InfluxDB archive, when there is one, is the journal's second anchor: it holds every event forwarded, so a journal
     * ending below its last one lost whole entries. Checked at start when the archive answers; when it does not, said so.
     */
    private void compareWithArchive(Path dir) {
        if (!archive.isResolvable() || journal.head().seq() == 0) return;
        long archived;
        try {
            archived = archive.get().lastSeq();
        } catch (RuntimeException e) {
            Log.warnf("journal: could not compare its head with the InfluxDB archive (%s); the anchor file was checked", e.getMessage());
            return;
        }
        if (archived > journal.head().seq() && !config.journal().cutAtDamage()) {
            journal.close();
            throw new io.quarkus.runtime.configuration.ConfigurationException("journal " + dir + " ends at seq " + journal.head().seq()
                    + " but the InfluxDB archive holds events up to seq " + archived + ": whole entries are missing at its end. Nothing was"
                    + " changed. Restore the journal, or start once with emcomm.journal.cut-at-damage=true to go on from what is here.");
        }
    }

    private void project(JournalEvent e) {
        for (Projection p : byStream.getOrDefault(e.stream(), List.of())) p.apply(e);
    }

    /** Appends a record change, durable when this returns; projections see it before it returns. */
    public JournalEvent append(String stream, String type, String entity, String actor, String payloadJson) {
        return journal.append(stream, type, entity, actor, payloadJson, clock.instant());
    }

    /** Appends a record change that happened at {@code at} and could not be written then (kept during a full disk). */
    public JournalEvent append(String stream, String type, String entity, String actor, String payloadJson, java.time.Instant at) {
        return journal.append(stream, type, entity, actor, payloadJson, at);
    }

    /** Appends record changes that belong together (a report and its parts), durable and projected when this returns. */
    public List<JournalEvent> appendAll(List<JournalEvent.Draft> drafts) { return journal.appendAll(drafts); }

    /** Every event after {@code afterSeq}, stored or new, in order (the forwarder to InfluxDB). */
    public void subscribe(long afterSeq, Consumer<JournalEvent> listener) { journal.subscribe(afterSeq, listener); }

    public Journal.Head head() { return journal.head(); }

    public Verification verify() { return journal.verifyNow(); }

    /** The chain verified, and the hash stored at {@code seq}. */
    public Journal.Anchor anchor(long seq) { return journal.anchor(seq); }
}
