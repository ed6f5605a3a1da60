package org.emcomm.vsat.storage;

import java.time.Instant;
import java.util.Map;

/** A point of metric history: one sample, or with a step one bucket (mean of each metric, the worst
 * state seen, how many samples). A metric missing from a bucket is absent from the map. */
public record HistoryPoint(Instant time, String state, int samples, Map<String, Double> metrics) {}
