package org.emcomm.vsat.compliance;

import java.util.List;
import java.util.Map;

/**
 * One indicator for a period (domain.md §1): its value, the target, where it stands, and the ids of the
 * records behind the number. {@code pace} is set for yearly counts; {@code detail} carries the figures
 * the value is made of.
 */
public record Indicator(String id, String zh, String en, Direction direction, double target, String unit, Double actual, Status status,
                        Map<String, Object> pace, Map<String, Object> detail, List<String> recordIds, List<String> warnings) {

    public enum Status { MET, ON_TRACK, AT_RISK, MISSED }

    /** How the actual is held against the target: at least, at most, or every record on time (a share). */
    public enum Direction { AT_LEAST, AT_MOST, SHARE }
}
