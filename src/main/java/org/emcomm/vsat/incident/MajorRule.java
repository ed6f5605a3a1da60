package org.emcomm.vsat.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * The configurable rule that makes an incident <em>major</em> (domain.md §2, default): a hub,
 * transponder or beam outage longer than {@code parentOutage}; {@code terminals} or more terminals,
 * or {@code provinces} or more provinces, without service longer than {@code serviceOutage}; an
 * outage of a critical terminal during an active emergency or major event longer than
 * {@code criticalOutage}. Its text and a version derived from it are stored on every incident it
 * classifies, so a changed rule never silently re-grades old records.
 */
public record MajorRule(Duration parentOutage, int terminals, int provinces, Duration serviceOutage, Duration criticalOutage) {
    public static final MajorRule DEFAULT = new MajorRule(Duration.ofMinutes(60), 10, 2, Duration.ofMinutes(60), Duration.ofMinutes(30));

    public String text() {
        return String.format(Locale.ROOT, "major when: hub/transponder/beam outage > %d min; >= %d terminals or >= %d provinces"
                        + " without service > %d min; critical terminal outage > %d min during an emergency or major event",
                parentOutage.toMinutes(), terminals, provinces, serviceOutage.toMinutes(), criticalOutage.toMinutes());
    }

    /** "v1-" and the first 8 hex digits of the SHA-256 of {@link #text()}: changes with any parameter. */
    public String version() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8));
            return "v1-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why the incident is major at {@code now}, or null while it is not. */
    String reason(IncidentBook.Rec r, Instant now, Inventory inventory, OperationsCalendar operations) {
        Instant end = r.resolvedAt != null ? r.resolvedAt : now;
        Duration lasted = Duration.between(r.openedAt, end);
        switch (r.condition) {
            case HUB_OUTAGE, BEAM_OUTAGE -> {
                if (lasted.compareTo(parentOutage) > 0) {
                    return (r.condition == Condition.HUB_OUTAGE ? "hub " : "beam/transponder ") + r.scope.id()
                            + " out for more than " + parentOutage.toMinutes() + " min";
                }
                if (lasted.compareTo(serviceOutage) > 0) {
                    List<Terminal> out = r.children.values().stream().filter(c -> c.recoveredAt() == null)
                            .map(c -> inventory.terminal(c.terminal())).filter(t -> t != null).toList();
                    if (out.size() >= terminals) return out.size() + " terminals without service for more than " + serviceOutage.toMinutes() + " min";
                    if (Grading.provinces(inventory, out) >= provinces) return "terminals in " + Grading.provinces(inventory, out)
                            + " provinces without service for more than " + serviceOutage.toMinutes() + " min";
                }
            }
            case TERMINAL_DOWN, FLAPPING -> {
                Terminal t = inventory.terminal(r.scope.id());
                if (t != null && t.critical() && lasted.compareTo(criticalOutage) > 0 && operations.active(t.id(), end)) {
                    return "critical terminal " + t.id() + " out for more than " + criticalOutage.toMinutes() + " min during an active emergency or major event";
                }
            }
            default -> { }
        }
        return null;
    }
}
