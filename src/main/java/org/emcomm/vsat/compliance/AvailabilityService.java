package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.JournalService;

/**
 * The availability ledger (domain.md §1): from every sample's state it adds the time since the terminal's
 * previous sample to the hour it falls in, as the state the previous sample left: UP or DEGRADED is up, DOWN is
 * down, UNKNOWN is not monitored; a gap longer than {@code availability-max-gap} counts only that much; time
 * inside a declared maintenance window is left out. Closed hours are written to the journal, one event each;
 * the open hour is held here and counted in every answer. Maintenance windows are declared and ended here too.
 */
@ApplicationScoped
public class AvailabilityService {
    static final long HOUR = AvailabilityLedger.HOUR;
    static final ObjectMapper JSON = new ObjectMapper();
    /** How far back a window may start when declared: maintenance is declared before it begins, not after. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    static final Duration LONGEST = Duration.ofDays(31);

    private final EmcommConfig config;
    private final AvailabilityRecords records;
    private final JournalService journal;
    private final NetworkHealth health;
    private final Inventory inventory;
    private final Clock clock;
    private final AvailabilityLedger ledger;

    AvailabilityService(EmcommConfig config, AvailabilityRecords records, JournalService journal, NetworkHealth health, Inventory inventory, Clock clock) {
        this.config = config;
        this.records = records;
        this.journal = journal;
        this.health = health;
        this.inventory = inventory;
        this.clock = clock;
        this.ledger = new AvailabilityLedger(config.compliance().availabilityMaxGap().toMillis(), (t, a, b) -> records.book().maintenanceMs(t, a, b));
    }

    void start(@Observes @Priority(160) StartupEvent event) {
        health.onState(this::observed);
    }

    /** Before the journal closes (its observer has the default priority). */
    void stop(@Observes @Priority(100) ShutdownEvent event) {
        flush(true);
    }

    public AvailabilityBook book() { return records.book(); }

    private void observed(Terminal t, Instant at, TerminalState state) { ledger.observe(t.id(), at.toEpochMilli(), state); }

    /**
     * Writes every closed hour (every hour when {@code all}, at shutdown) as one journal event. A write that fails
     * puts the hour back, to be tried at the next tick.
     */
    public synchronized void flush(boolean all) {
        long current = all ? Long.MAX_VALUE : Math.floorDiv(clock.millis(), HOUR);
        Map<Long, AvailabilityBook.Totals> drained = ledger.drain(current);
        for (Map.Entry<Long, AvailabilityBook.Totals> e : drained.entrySet()) {
            if (!write(e.getKey(), e.getValue())) {
                drained.forEach((h, t) -> { if (h >= e.getKey()) ledger.restore(h, t); });
                return;
            }
        }
    }

    private boolean write(long hour, AvailabilityBook.Totals t) {
        try {
            ObjectNode p = JSON.createObjectNode().put("hour", hour).put("hourStart", Instant.ofEpochMilli(hour * HOUR).toString())
                    .put("monitoredMs", t.monitoredMs).put("upMs", t.upMs).put("maintenanceMs", t.maintenanceMs);
            ObjectNode down = p.putObject("downMs");
            t.downMs.forEach(down::put);
            journal.append(AvailabilityBook.STREAM, AvailabilityBook.RECORDED, "H" + Instant.ofEpochMilli(hour * HOUR), "system", p.toString());
            return true;
        } catch (RuntimeException ex) {
            Log.errorf(ex, "availability: the hour from %s could not be written; kept for the next tick", Instant.ofEpochMilli(hour * HOUR));
            return false;
        }
    }

    /** Terminal-time of the hours that start in the period: written hours plus the ones still held. */
    public synchronized AvailabilityBook.Totals totals(Instant from, Instant to) {
        long f = Math.floorDiv(from.toEpochMilli() + HOUR - 1, HOUR), t = Math.floorDiv(to.toEpochMilli() + HOUR - 1, HOUR);
        AvailabilityBook.Totals sum = book().totals(f, t);
        ledger.addTo(sum, f, t);
        return sum;
    }

    // ---- maintenance windows ----------------------------------------------------------------

    public record WindowInput(List<String> terminals, String region, String hub, String beam, Instant from, Instant to, String reason) {}

    public synchronized AvailabilityBook.Window declare(WindowInput in, String actor) {
        if (in == null) throw ComplianceException.invalid("terminals", "a window needs a body: terminals, region, hub or beam; from, to, reason");
        Set<String> ids = new LinkedHashSet<>();
        List<String> listed = in.terminals() == null ? List.of() : in.terminals();
        for (int i = 0; i < listed.size(); i++) {
            String id = listed.get(i);
            if (id == null || inventory.terminal(id.trim()) == null) throw ComplianceException.invalid("terminals[" + i + "]", "'" + id + "' is not a terminal of the inventory");
            ids.add(id.trim());
        }
        if (in.region() != null) {
            if (inventory.region(in.region()) == null) throw ComplianceException.invalid("region", "'" + in.region() + "' is not a region of the inventory");
            inventory.terminals().stream().filter(t -> inventory.within(t.region(), in.region())).forEach(t -> ids.add(t.id()));
        }
        if (in.hub() != null) {
            if (inventory.hub(in.hub()) == null) throw ComplianceException.invalid("hub", "'" + in.hub() + "' is not a hub of the inventory");
            inventory.terminals().stream().filter(t -> in.hub().equals(t.hub())).forEach(t -> ids.add(t.id()));
        }
        if (in.beam() != null) {
            if (inventory.beam(in.beam()) == null) throw ComplianceException.invalid("beam", "'" + in.beam() + "' is not a beam of the inventory");
            inventory.terminals().stream().filter(t -> in.beam().equals(t.beam())).forEach(t -> ids.add(t.id()));
        }
        if (ids.isEmpty()) throw ComplianceException.invalid("terminals", "name the terminals in maintenance: terminals, region, hub or beam");
        Instant now = clock.instant();
        if (in.from() == null) throw ComplianceException.invalid("from", "is required");
        if (in.to() == null) throw ComplianceException.invalid("to", "is required");
        if (in.from().isBefore(now.minus(BACKDATE))) {
            throw ComplianceException.invalid("from", "maintenance is declared before it starts (at most " + BACKDATE.toMinutes() + " min back); "
                    + in.from() + " is earlier");
        }
        if (!in.to().isAfter(in.from())) throw ComplianceException.invalid("to", "must be after from");
        if (Duration.between(in.from(), in.to()).compareTo(LONGEST) > 0) throw ComplianceException.invalid("to", "a window lasts at most " + LONGEST.toDays() + " days");
        String reason = ComplianceException.required("reason", in.reason(), 1000);
        String id = "MNT-" + (book().windowCount() + 1);
        ObjectNode p = JSON.createObjectNode().put("from", in.from().toString()).put("to", in.to().toString()).put("reason", reason);
        ArrayNode ts = p.putArray("terminals");
        ids.forEach(ts::add);
        journal.append(AvailabilityBook.STREAM, AvailabilityBook.DECLARED, id, actor, p.toString());
        Log.infof("maintenance %s declared by %s: %d terminals from %s to %s (%s)", id, actor, ids.size(), in.from(), in.to(), reason);
        return book().window(id);
    }

    /** Ends a window now, before its planned end. */
    public synchronized AvailabilityBook.Window end(String id, String actor) {
        AvailabilityBook.Window w = book().window(id);
        if (w == null) throw ComplianceException.notFound("maintenance window", id);
        Instant now = clock.instant();
        if (!now.isBefore(w.to())) throw ComplianceException.conflict("maintenance " + id + " is already over (" + w.to() + ")");
        journal.append(AvailabilityBook.STREAM, AvailabilityBook.ENDED, id, actor, JSON.createObjectNode().put("at", now.toString()).toString());
        return book().window(id);
    }

    public List<AvailabilityBook.Window> windows(Boolean active) {
        Instant now = clock.instant();
        List<AvailabilityBook.Window> out = new ArrayList<>();
        for (AvailabilityBook.Window w : book().windows()) if (active == null || w.active(now) == active) out.add(w);
        return out;
    }

    int terminals() { return inventory.terminals().size(); }
}
