package org.emcomm.vsat.drill;

import org.emcomm.vsat.command.Refusal;

/** A command on drills that the rules refuse; TOO_LARGE and UNSUPPORTED are for attachments. */
public final class DrillException extends Refusal {
    private DrillException(Kind kind, String field, String message) { super(kind, field, message); }

    static DrillException notFound(String what, String id) { return new DrillException(Kind.NOT_FOUND, null, what + " '" + id + "' does not exist"); }

    static DrillException conflict(String message) { return new DrillException(Kind.CONFLICT, null, message); }

    static DrillException invalid(String field, String message) { return new DrillException(Kind.INVALID, field, message); }

    static DrillException tooLarge(String message) { return new DrillException(Kind.TOO_LARGE, "body", message); }

    static DrillException unsupported(String message) { return new DrillException(Kind.UNSUPPORTED, "Content-Type", message); }
}
