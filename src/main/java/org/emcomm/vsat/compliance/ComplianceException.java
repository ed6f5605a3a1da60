package org.emcomm.vsat.compliance;

import org.emcomm.vsat.command.Refusal;

/** A compliance command (deviation, maintenance window, report check) that the rules refuse. */
public final class ComplianceException extends Refusal {
    private ComplianceException(Kind kind, String field, String message) { super(kind, field, message); }

    static ComplianceException notFound(String what, String id) { return new ComplianceException(Kind.NOT_FOUND, null, what + " '" + id + "' does not exist"); }

    static ComplianceException conflict(String message) { return new ComplianceException(Kind.CONFLICT, null, message); }

    static ComplianceException invalid(String field, String message) { return new ComplianceException(Kind.INVALID, field, message); }
}
