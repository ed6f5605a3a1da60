package org.emcomm.vsat.incident;

import org.emcomm.vsat.command.Refusal;

/** A command the incident rules refuse. */
public final class IncidentException extends Refusal {
    IncidentException(Kind kind, String field, String message) { super(kind, field, message); }

    static IncidentException notFound(String id) { return new IncidentException(Kind.NOT_FOUND, null, "incident '" + id + "' does not exist"); }

    static IncidentException conflict(String message) { return new IncidentException(Kind.CONFLICT, null, message); }

    static IncidentException invalid(String field, String message) { return new IncidentException(Kind.INVALID, field, message); }
}
