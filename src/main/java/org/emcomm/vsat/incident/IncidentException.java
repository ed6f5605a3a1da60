package org.emcomm.vsat.incident;

/** A command the incident rules refuse; the web layer turns it into problem+json. */
public final class IncidentException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;
    private final String field;

    IncidentException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static IncidentException notFound(String id) { return new IncidentException(Kind.NOT_FOUND, null, "incident '" + id + "' does not exist"); }

    static IncidentException conflict(String message) { return new IncidentException(Kind.CONFLICT, null, message); }

    static IncidentException invalid(String field, String message) { return new IncidentException(Kind.INVALID, field, message); }

    public Kind kind() { return kind; }

    public String field() { return field; }
}
