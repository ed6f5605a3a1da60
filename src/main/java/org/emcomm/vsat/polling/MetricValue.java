package org.emcomm.vsat.polling;

/** A decoded value. A strange value is never an exception: it becomes {@link Invalid} with
 * the raw text, so an operator sees what the agent really said. */
public sealed interface MetricValue {
    String raw();

    /** A number in the profile's unit, after scaling. */
    record Reading(double value, String raw) implements MetricValue {}

    /** An enum code with its profile label. */
    record Label(String label, long code, String raw) implements MetricValue {}

    /** Free text (type TEXT). */
    record Text(String raw) implements MetricValue {}

    /** A vendor sentinel, e.g. 999 on Comtech = demodulator unlocked. */
    record Sentinel(String meaning, String raw) implements MetricValue {}

    record Invalid(String raw, String reason) implements MetricValue {}
}
