package org.emcomm.vsat.incident;

/** The thing an incident is about: a terminal, a hub, a beam (transponder) or a region. A rain
 * fade found on a beam is scoped to the beam. */
public record Scope(Kind kind, String id) {
    public enum Kind { TERMINAL, HUB, BEAM, REGION }

    /** The reduction key: one incident per scope and condition at a time. */
    static String key(Kind kind, String id, Condition condition) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id + ":" + condition.name();
    }
}
