package org.emcomm.vsat.drill;

/** A command on drills that the rules refuse; the web layer turns it into problem+json. */
public final class DrillException extends RuntimeException {
    /** TOO_LARGE → 413 and UNSUPPORTED → 415 are for attachments; the rest map as for other records. */
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, TOO_LARGE, UNSUPPORTED }

    private final Kind kind;
    private final String field;

    private DrillException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static DrillException notFound(String what, String id) { return new DrillException(Kind.NOT_FOUND, null, what + " '" + id + "' does not exist"); }

    static DrillException conflict(String message) { return new DrillException(Kind.CONFLICT, null, message); }

    static DrillException invalid(String field, String message) { return new DrillException(Kind.INVALID, field, message); }

    static DrillException tooLarge(String message) { return new DrillException(Kind.TOO_LARGE, "body", message); }

    static DrillException unsupported(String message) { return new DrillException(Kind.UNSUPPORTED, "Content-Type", message); }

    public Kind kind() { return kind; }

    public String field() { return field; }
}
