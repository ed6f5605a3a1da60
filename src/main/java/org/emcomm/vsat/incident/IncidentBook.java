package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The current state of every incident, built only by applying incident events in order (at
 * start-up from the journal, then each new one as it becomes durable). The engine reads it to
 * decide; it never changes it except through events.
 */
public final class IncidentBook {
    /** Event types of stream {@value #STREAM}. */
    public static final String STREAM = "incidents";
    static final String OPENED = "incident.opened", REPEATED = "incident.repeated", ATTACHED = "incident.children-attached",
            RECOVERED = "incident.child-recovered", REOPENED = "incident.reopened", ACKNOWLEDGED = "incident.acknowledged",
            NOTED = "incident.noted", RESOLVED = "incident.resolved", MERGED = "incident.merged",
            CONDITION = "incident.condition-changed", ESCALATED = "incident.escalated", CLASSIFIED = "incident.classified";

    private final Map<String, Rec> byId = new LinkedHashMap<>();
    private final Map<String, Rec> activeByKey = new HashMap<>();
    private final Map<String, Rec> lastByKey = new HashMap<>();
    private final Map<String, List<Rec>> activeByTerminal = new HashMap<>();
    private long highestNumber;

    /** Mutable record inside the book; read by the engine, never changed outside {@link #apply}. */
    static final class Rec {
        String id, key, title, source, acknowledgedBy, resolvedBy, resolution, mergedInto;
        Condition condition;
        Scope scope;
        IncidentStatus status = IncidentStatus.OPEN;
        ResponseLevel level;
        boolean major;
        Incident.Classification classification;
        Instant detectedAt, openedAt, lastSeen, acknowledgedAt, resolvedAt;
        int count = 1, reopened;
        final Map<String, Incident.Child> children = new LinkedHashMap<>();
        final List<Incident.TimelineEntry> timeline = new ArrayList<>();

        boolean active() { return status.active(); }

        long activeChildren() { return children.values().stream().filter(c -> c.recoveredAt() == null).count(); }

        boolean hasActiveChild(String terminal) {
            Incident.Child c = children.get(terminal);
            return c != null && c.recoveredAt() == null;
        }

        Incident snapshot() {
            return new Incident(id, key, condition, scope, title, status, level, major, classification, source, detectedAt,
                    openedAt, lastSeen, count, reopened, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, resolution,
                    mergedInto, List.copyOf(children.values()), List.copyOf(timeline));
        }
    }

    /** Applies one event of the incidents stream. */
    public synchronized void apply(long seq, String type, String id, String actor, Instant at, JsonNode p) {
        Rec r = byId.get(id);
        if (type.equals(OPENED)) {
            r = new Rec();
            r.id = id;
            r.key = p.path("key").asText();
            r.condition = Condition.valueOf(p.path("condition").asText());
            r.scope = new Scope(Scope.Kind.valueOf(p.path("scope").path("kind").asText()), p.path("scope").path("id").asText());
            r.title = p.path("title").asText();
            r.source = p.path("source").asText();
            r.detectedAt = p.hasNonNull("detectedAt") ? Instant.parse(p.path("detectedAt").asText()) : at;
            r.openedAt = at;
            r.lastSeen = at;
            r.count = p.path("count").asInt(1);
            r.level = ResponseLevel.valueOf(p.path("level").asText());
            r.major = p.path("major").asBoolean();
            r.classification = new Incident.Classification(p.path("rule").asText(), p.path("ruleVersion").asText(), false, null, null, at);
            byId.put(id, r);
            highestNumber = Math.max(highestNumber, number(id));
            index(r);
            attach(r, p.path("terminals"), at);
        } else if (r == null) {
            throw new IllegalStateException("incident event " + seq + " (" + type + ") names unknown incident " + id);
        } else {
            switch (type) {
                case REPEATED -> { r.count++; r.lastSeen = at; }
                case ATTACHED -> { attach(r, p.path("terminals"), at); r.lastSeen = at; }
                case RECOVERED -> {
                    // a batch names its terminals; older events name one
                    for (String t : p.has("terminals") ? strings(p.path("terminals")) : List.of(p.path("terminal").asText())) {
                        Incident.Child c = r.children.get(t);
                        if (c == null || c.recoveredAt() != null) continue;
                        r.children.put(c.terminal(), new Incident.Child(c.terminal(), c.attachedAt(), at));
                        unindexChild(r, c.terminal());
                    }
                }
                case REOPENED -> {
                    r.status = IncidentStatus.OPEN;
                    r.reopened++;
                    r.count++;
                    r.lastSeen = at;
                    r.resolvedAt = null;
                    r.resolvedBy = null;
                    r.resolution = null;
                    r.acknowledgedAt = null;
                    r.acknowledgedBy = null;
                    index(r);
                }
                case ACKNOWLEDGED -> { r.status = IncidentStatus.ACKNOWLEDGED; r.acknowledgedAt = at; r.acknowledgedBy = actor; }
                case NOTED -> { }
                case RESOLVED, MERGED -> {
                    r.status = IncidentStatus.RESOLVED;
                    r.resolvedAt = at;
                    r.resolvedBy = actor;
                    r.resolution = type.equals(MERGED) ? "MERGED" : p.path("how").asText("AUTO");
                    if (type.equals(MERGED)) r.mergedInto = p.path("into").asText();
                    unindex(r);
                }
                case CONDITION -> {
                    unindex(r);
                    r.condition = Condition.valueOf(p.path("condition").asText());
                    r.key = p.path("key").asText();
                    r.title = p.path("title").asText(r.title);
                    // a beam outage found to be its hub's widens to the hub
                    if (p.has("scope")) r.scope = new Scope(Scope.Kind.valueOf(p.path("scope").path("kind").asText()), p.path("scope").path("id").asText());
                    if (p.hasNonNull("level")) r.level = ResponseLevel.valueOf(p.path("level").asText());
                    index(r);
                }
                case ESCALATED, CLASSIFIED -> {
                    if (p.hasNonNull("level")) r.level = ResponseLevel.valueOf(p.path("level").asText());
                    if (p.hasNonNull("major")) r.major = p.path("major").asBoolean();
                    boolean manual = type.equals(CLASSIFIED) || r.classification.manual();
                    r.classification = new Incident.Classification(p.path("rule").asText(r.classification.rule()),
                            p.path("ruleVersion").asText(r.classification.ruleVersion()), manual,
                            p.path("reason").asText(null), type.equals(CLASSIFIED) ? actor : r.classification.by(), at);
                }
                default -> throw new IllegalStateException("unknown incident event type " + type + " at seq " + seq);
            }
        }
        r.timeline.add(new Incident.TimelineEntry(seq, at, type.substring("incident.".length()), actor, text(type, p), p));
    }

    /** Terminals a timeline text names before it says how many more. */
    static final int NAMED = 20;

    private static String text(String type, JsonNode p) {
        if (p.hasNonNull("note")) return p.path("note").asText();
        if (p.hasNonNull("reason")) return p.path("reason").asText();
        if (type.equals(ATTACHED)) return named(strings(p.path("terminals")), "attached");
        if (type.equals(RECOVERED)) return p.has("terminals") ? named(strings(p.path("terminals")), "recovered") : p.path("terminal").asText() + " recovered";
        if (type.equals(MERGED)) return "merged into " + p.path("into").asText();
        return null;
    }

    /** "3 terminals attached: T-1, T-2, T-3"; past {@link #NAMED}, "… and 12 more". */
    private static String named(List<String> terminals, String what) {
        String n = terminals.size() == 1 ? "1 terminal " : terminals.size() + " terminals ";
        String list = String.join(", ", terminals.size() > NAMED ? terminals.subList(0, NAMED) : terminals);
        return n + what + ": " + list + (terminals.size() > NAMED ? " and " + (terminals.size() - NAMED) + " more" : "");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    private void attach(Rec r, JsonNode terminals, Instant at) {
        for (JsonNode t : terminals) {
            String id = t.asText();
            if (r.hasActiveChild(id)) continue;
            r.children.put(id, new Incident.Child(id, at, null));
            if (r.active()) activeByTerminal.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
    }

    private void index(Rec r) {
        activeByKey.put(r.key, r);
        lastByKey.put(r.key, r);
        if (r.scope.kind() == Scope.Kind.TERMINAL) activeByTerminal.computeIfAbsent(r.scope.id(), k -> new ArrayList<>()).add(r);
        for (Incident.Child c : r.children.values()) {
            if (c.recoveredAt() == null) activeByTerminal.computeIfAbsent(c.terminal(), k -> new ArrayList<>()).add(r);
        }
    }

    private void unindex(Rec r) {
        activeByKey.remove(r.key, r);
        if (r.scope.kind() == Scope.Kind.TERMINAL) unindexChild(r, r.scope.id());
        for (String t : r.children.keySet()) unindexChild(r, t);
    }

    private void unindexChild(Rec r, String terminal) {
        if (terminal == null) return;
        List<Rec> list = activeByTerminal.get(terminal);
        if (list == null) return;
        list.remove(r);
        if (list.isEmpty()) activeByTerminal.remove(terminal);
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.indexOf('-') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    // ---- reads ---------------------------------------------------------------------------------

    synchronized String nextId() { return String.format(java.util.Locale.ROOT, "INC-%06d", highestNumber + 1); }

    synchronized Rec rec(String id) { return byId.get(id); }

    synchronized Rec active(String key) { return activeByKey.get(key); }

    /** The latest incident with this key, active or not. */
    synchronized Rec last(String key) { return lastByKey.get(key); }

    synchronized List<Rec> activeRecs() { return List.copyOf(activeByKey.values()); }

    public synchronized Incident get(String id) {
        Rec r = byId.get(id);
        return r == null ? null : r.snapshot();
    }

    public synchronized List<Incident> find(Predicate<Incident> filter) {
        List<Incident> out = new ArrayList<>();
        for (Rec r : byId.values()) {
            Incident i = r.snapshot();
            if (filter.test(i)) out.add(i);
        }
        return out;
    }

    /** Active incidents that are about this terminal or carry it as an affected child. */
    public synchronized List<Incident> activeFor(String terminal) {
        List<Incident> out = new ArrayList<>();
        for (Rec r : activeByTerminal.getOrDefault(terminal, List.of())) out.add(r.snapshot());
        return out;
    }

    public synchronized int size() { return byId.size(); }
}
