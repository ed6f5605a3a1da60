package org.emcomm.vsat.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.emcomm.vsat.inventory.DeviceProfile.ValueType;
import org.emcomm.vsat.snmp.SnmpValue;
import org.emcomm.vsat.snmp.SnmpValue.Syntax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueDecoderTest {
    static final Metric ESNO_TEXT = new Metric("esNo", "1.3.6.1.4.1.6247.1.0", ValueType.DISPLAY_NUMBER, 1.0, "dB",
            Map.of(), Map.of("999", "demodulator unlocked"));
    static final Metric ESNO_HUNDREDTHS = new Metric("esNo", "1.3.6.1.4.1.5835.3", ValueType.INTEGER, 0.01, "dB", Map.of(), Map.of());
    static final Metric STATE = new Metric("remoteState", "1.3.6.1.4.1.13732.1", ValueType.ENUM, 1.0, null,
            Map.of("0", "green", "4", "offline"), Map.of());
    static final Metric OCTETS = new Metric("ifHCInOctets", "1.3.6.1.2.1.31.1.1.1.6.1", ValueType.COUNTER64, 1.0, "B", Map.of(), Map.of());
    /** Newtec's channel link margin: a number in text, ">30" above its range, "NA" without a value. */
    static final Metric MARGIN = new Metric("linkMargin", "1.3.6.1.4.1.5835.5.2.3200.1.2.1.7", ValueType.DISPLAY_NUMBER, 1.0, "dB",
            Map.of(), Map.of("NA", "no value"), Map.of(">30", 30.0), "linkMargin", null);
    /** UHP's input level: the magnitude in tenths, so × −0.1 dBm (119 → −11.9 dBm). */
    static final Metric UHP_LEVEL = new Metric("rxLevel", "1.3.6.1.4.1.8000.22.2.3.0", ValueType.GAUGE, -0.1, "dBm", Map.of(), Map.of());
    static final Metric UPTIME = new Metric("sysUpTime", "1.3.6.1.2.1.1.3.0", ValueType.TIMETICKS, 0.01, "s", Map.of(), Map.of());

    static Stream<Arguments> cases() {
        return Stream.of(
                // metric, raw value, expected
                Arguments.of(ESNO_TEXT, SnmpValue.text("12.5"), new MetricValue.Reading(12.5, "12.5")),
                Arguments.of(MARGIN, SnmpValue.text("4.5"), new MetricValue.Reading(4.5, "4.5")),
                Arguments.of(MARGIN, SnmpValue.text(">30"), new MetricValue.Reading(30.0, ">30")),
                Arguments.of(MARGIN, SnmpValue.text("NA"), new MetricValue.Sentinel("no value", "NA")),
                Arguments.of(UHP_LEVEL, SnmpValue.of(Syntax.GAUGE32, 119), new MetricValue.Reading(119 * -0.1, "119")),
                Arguments.of(ESNO_TEXT, SnmpValue.text(" -3.2 dB "), new MetricValue.Reading(-3.2, " -3.2 dB ")),
                Arguments.of(ESNO_TEXT, SnmpValue.text("+4dB"), new MetricValue.Reading(4.0, "+4dB")),
                Arguments.of(ESNO_TEXT, SnmpValue.text("999"), new MetricValue.Sentinel("demodulator unlocked", "999")),
                Arguments.of(ESNO_TEXT, SnmpValue.integer(999), new MetricValue.Sentinel("demodulator unlocked", "999")),
                Arguments.of(ESNO_TEXT, SnmpValue.text("Request timed out"), new MetricValue.Invalid("Request timed out", "not a number")),
                Arguments.of(ESNO_TEXT, SnmpValue.text(""), new MetricValue.Invalid("", "not a number")),
                Arguments.of(ESNO_TEXT, SnmpValue.integer(11), new MetricValue.Reading(11.0, "11")),
                Arguments.of(ESNO_TEXT, new SnmpValue(Syntax.NO_SUCH_INSTANCE, 0, "noSuchInstance"),
                        new MetricValue.Invalid("noSuchInstance", "agent has no such object")),
                Arguments.of(ESNO_TEXT, null, new MetricValue.Invalid("", "no value in the answer")),
                Arguments.of(ESNO_HUNDREDTHS, SnmpValue.integer(1234), new MetricValue.Reading(12.34, "1234")),
                Arguments.of(ESNO_HUNDREDTHS, SnmpValue.text("12.34"), new MetricValue.Invalid("12.34", "expected INTEGER, got OCTET_STRING")),
                Arguments.of(STATE, SnmpValue.integer(0), new MetricValue.Label("green", 0, "0")),
                Arguments.of(STATE, SnmpValue.integer(4), new MetricValue.Label("offline", 4, "4")),
                Arguments.of(STATE, SnmpValue.integer(9), new MetricValue.Invalid("9", "unknown code 9")),
                Arguments.of(STATE, SnmpValue.text("green"), new MetricValue.Invalid("green", "expected an INTEGER code, got OCTET_STRING")),
                // Counter64 above Long.MAX_VALUE arrives as a negative long: read it unsigned.
                Arguments.of(OCTETS, SnmpValue.of(Syntax.COUNTER64, -1L),
                        new MetricValue.Reading(1.8446744073709552E19, "18446744073709551615")),
                Arguments.of(OCTETS, SnmpValue.of(Syntax.COUNTER64, 42), new MetricValue.Reading(42.0, "42")),
                Arguments.of(UPTIME, SnmpValue.of(Syntax.TIMETICKS, 12345), new MetricValue.Reading(123.45, "12345")),
                Arguments.of(UPTIME, new SnmpValue(Syntax.NULL, 0, "Null"), new MetricValue.Invalid("Null", "expected TIMETICKS, got NULL")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodes(Metric metric, SnmpValue raw, MetricValue expected) {
        MetricValue actual = ValueDecoder.decode(metric, raw);
        if (expected instanceof MetricValue.Reading r) {
            assertThat(actual).isInstanceOf(MetricValue.Reading.class);
            assertThat(((MetricValue.Reading) actual).value()).isCloseTo(r.value(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(actual.raw()).isEqualTo(r.raw());
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
