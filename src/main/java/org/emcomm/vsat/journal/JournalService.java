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

    JournalService(EmcommConfig config, Clock clock, Instance<Projection> projections, Instance<EventArchive> archive) {
        this.config = config;
        this.clock = clock;
        this.projections = projections;
        this.archive = archive;
    }

    @PostConstruct
    void open() {
        byStream = projections.stream().collect(Collectors.groupingBy(Projection::stream));
        Path dir = Path.of(config.dataDir()).resolve("journal");
        journal = Journal.open(dir, new Journal.Options(config.journal().segmentBytes(), config.journal().cutAtDamage()), this::project);
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
    }

    void stop(@Observes ShutdownEvent event) {
        journal.close();
    }

    private void project(JournalEvent e) {
        for (Projection p : byStream.getOrDefault(e.stream(), List.of())) p.apply(e);
    }

    /** Appends a record change, durable when this returns; projections see it before it returns. */
    public JournalEvent append(String stream, String type, String entity, String actor, String payloadJson) {
        return journal.append(stream, type, entity, actor, payloadJson, clock.instant());
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
