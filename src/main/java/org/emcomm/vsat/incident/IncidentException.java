package org.emcomm.vsat.incident;

import org.emcomm.vsat.command.Refusal;

/** A command the incident rules refuse. */
public final class IncidentException extends Refusal {
    IncidentException(Kind kind, String field, String message) { super(kind, field, message); }

    /** A free text within its limit and without control characters (Refusal's rule). */
    static String text(String field, String value, int max) { return limit(field, value, max); }

    static IncidentException notFound(String id) { return new IncidentException(Kind.NOT_FOUND, null, "incident '" + id + "' does not exist"); }

    static IncidentException conflict(String message) { return new IncidentException(Kind.CONFLICT, null, message); }

    static IncidentException invalid(String field, String message) { return new IncidentException(Kind.INVALID, field, message); }
}
