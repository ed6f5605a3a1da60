package org.emcomm.vsat.inventory;

import com.fasterxml.jackson.annotation.JsonValue;

/** A secret value (community, pass phrase). It never prints: {@link #toString()} and JSON
 * both give {@code <secret>}; only the SNMP adapter reads {@link #reveal()}. */
public final class Secret {
    private final String value;

    public Secret(String value) { this.value = value; }

    public String reveal() { return value; }

    @JsonValue
    @Override
    public String toString() { return "<secret>"; }

    @Override
    public boolean equals(Object o) { return o instanceof Secret s && java.util.Objects.equals(s.value, value); }

    @Override
    public int hashCode() { return java.util.Objects.hashCode(value); }
}
