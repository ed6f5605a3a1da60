package org.emcomm.vsat.polling;

import java.time.Instant;
import java.util.Map;

/** How a poll of a set of terminals went. {@code durationMillis} is wall-clock time. */
public record CycleReport(Instant startedAt, long durationMillis, int terminals,
                          Map<Sample.PollStatus, Integer> byStatus, long requests) {}
