package org.emcomm.vsat.storage;

import java.time.Instant;
import java.util.Map;

/** One terminal's poll as stored: where it is, when, how the poll went, its state, its numeric metrics. */
public record SamplePoint(String terminal, String region, String hub, String beam, String profile, Instant at,
                          String state, String poll, long latencyMicros, Map<String, Double> metrics) {

    /** Worst-first order for downsampling: a bucket shows the worst state it saw. */
    public static int stateCode(String state) {
        return switch (state) {
            case "UP" -> 0;
            case "UNKNOWN" -> 1;
            case "DEGRADED" -> 2;
            case "DOWN" -> 3;
            default -> 1;
        };
    }

    public static String stateOf(int code) {
        return switch (code) {
            case 0 -> "UP";
            case 2 -> "DEGRADED";
            case 3 -> "DOWN";
            default -> "UNKNOWN";
        };
    }
}
