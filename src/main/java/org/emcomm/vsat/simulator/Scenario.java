package org.emcomm.vsat.simulator;

import java.time.Instant;

/** An active scenario until {@code until}. */
public record Scenario(String id, ScenarioType type, String target, Instant startedAt, Instant until, double delaySeconds) {
    boolean activeAt(Instant now) { return !now.isBefore(startedAt) && now.isBefore(until); }
}
