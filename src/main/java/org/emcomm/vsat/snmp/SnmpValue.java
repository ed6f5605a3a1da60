package org.emcomm.vsat.snmp;

/** One SNMP value, free of snmp4j types. {@code number} holds the integer forms (Counter64
 * as an unsigned long), {@code text} the string forms (printable text, or colon-separated hex for binary, then
 * {@code binary} is set: a recording must not take the text "00:1a:2b" for three bytes). */
public record SnmpValue(Syntax syntax, long number, String text, boolean binary) {
    public SnmpValue(Syntax syntax, long number, String text) { this(syntax, number, text, false); }

    public enum Syntax {
        INTEGER, OCTET_STRING, COUNTER32, COUNTER64, GAUGE32, TIMETICKS, IP_ADDRESS, OBJECT_ID,
        OPAQUE, NULL, NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW;

        public boolean isException() {
            return this == NO_SUCH_OBJECT || this == NO_SUCH_INSTANCE || this == END_OF_MIB_VIEW;
        }

        public boolean isNumeric() {
            return this == INTEGER || this == COUNTER32 || this == COUNTER64 || this == GAUGE32 || this == TIMETICKS;
        }
    }

    public static SnmpValue integer(long v) { return new SnmpValue(Syntax.INTEGER, v, Long.toString(v)); }

    public static SnmpValue text(String s) { return new SnmpValue(Syntax.OCTET_STRING, 0, s); }

    public static SnmpValue of(Syntax syntax, long v) { return new SnmpValue(syntax, v, Long.toUnsignedString(v)); }

    @Override
    public String toString() { return syntax + ":" + text; }
}
