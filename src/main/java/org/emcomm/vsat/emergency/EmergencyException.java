package org.emcomm.vsat.emergency;

import org.emcomm.vsat.command.Refusal;

/** A command on emergencies, reports or tasks that the rules refuse. */
public final class EmergencyException extends Refusal {
    private EmergencyException(Kind kind, String field, String message) { super(kind, field, message); }

    static EmergencyException notFound(String what, String id) { return new EmergencyException(Kind.NOT_FOUND, null, what + " '" + id + "' does not exist"); }

    static EmergencyException conflict(String message) { return new EmergencyException(Kind.CONFLICT, null, message); }

    static EmergencyException invalid(String field, String message) { return new EmergencyException(Kind.INVALID, field, message); }
}
