package org.emcomm.vsat.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** One mutating API call: who, in which role, when, what, on what, and what changed. */
public record AuditEntry(long seq, Instant at, String actor, List<String> roles, String action, String method,
                         String path, String target, int status, JsonNode changes) {}
