package org.emcomm.vsat.emergency;

/** A command on emergencies, reports or tasks that the rules refuse; the web layer turns it into problem+json. */
public final class EmergencyException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;
    private final String field;

    private EmergencyException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static EmergencyException notFound(String what, String id) { return new EmergencyException(Kind.NOT_FOUND, null, what + " '" + id + "' does not exist"); }

    static EmergencyException conflict(String message) { return new EmergencyException(Kind.CONFLICT, null, message); }

    static EmergencyException invalid(String field, String message) { return new EmergencyException(Kind.INVALID, field, message); }

    public Kind kind() { return kind; }

    public String field() { return field; }
}
