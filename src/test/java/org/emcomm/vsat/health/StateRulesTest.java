package org.emcomm.vsat.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.DeviceProfile.Condition;
import org.emcomm.vsat.inventory.DeviceProfile.Op;
import org.emcomm.vsat.inventory.DeviceProfile.StateRules;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.polling.Sample.PollStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateRulesTest {
    static final StateRules RULES = new StateRules(3, 2,
            List.of(new Condition("lock", Op.EQ, null, List.of("unlocked"), "demodulator unlocked"),
                    new Condition("esNo", Op.SENTINEL, null, List.of(), "esNo sentinel")),
            List.of(new Condition("esNo", Op.LT, 6.0, List.of(), "Es/No margin low"),
                    new Condition("esNo", Op.INVALID, null, List.of(), "Es/No unreadable")));
    static final DeviceProfile PROFILE = new DeviceProfile("p", null, null, DeviceProfile.Shape.SCALAR,
            new DeviceProfile.SnmpOptions(false, 10, 10, java.time.Duration.ofSeconds(1), 0), List.of(), RULES);
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    static Sample answered(String lock, MetricValue esNo) {
        return new Sample("T1", T0, PollStatus.ANSWERED,
                Map.of("lock", new MetricValue.Label(lock, lock.equals("locked") ? 1 : 0, "x"), "esNo", esNo), 1000, null);
    }

    static Sample failed(PollStatus status) {
        return new Sample("T1", T0, status, Map.of(), 1000, "hub hub-x agent did not answer");
    }

    static Stream<Arguments> evaluations() {
        return Stream.of(
                Arguments.of(answered("locked", new MetricValue.Reading(11, "11")), TerminalState.UP, false, false),
                Arguments.of(answered("locked", new MetricValue.Reading(5.9, "5.9")), TerminalState.DEGRADED, false, false),
                Arguments.of(answered("locked", new MetricValue.Reading(6.0, "6.0")), TerminalState.UP, false, false),
                Arguments.of(answered("locked", new MetricValue.Invalid("N/A", "not a number")), TerminalState.DEGRADED, false, false),
                Arguments.of(answered("unlocked", new MetricValue.Reading(11, "11")), TerminalState.DOWN, false, false),
                Arguments.of(answered("locked", new MetricValue.Sentinel("demodulator unlocked", "999")), TerminalState.DOWN, false, false),
                Arguments.of(failed(PollStatus.TIMEOUT), TerminalState.DOWN, true, false),
                Arguments.of(failed(PollStatus.NO_ROW), TerminalState.DOWN, true, false),
                Arguments.of(failed(PollStatus.PARENT_UNREACHABLE), TerminalState.UNKNOWN, true, false),
                Arguments.of(failed(PollStatus.AUTH_FAILURE), TerminalState.UNKNOWN, false, true));
    }

    @ParameterizedTest
    @MethodSource("evaluations")
    void evaluates(Sample sample, TerminalState state, boolean missed, boolean immediate) {
        Observation o = StateEvaluator.evaluate(PROFILE, sample);
        assertThat(o.state()).isEqualTo(state);
        assertThat(o.missed()).isEqualTo(missed);
        assertThat(o.immediate()).isEqualTo(immediate);
    }

    /** Each row: observations in order, then the state after each. */
    static Stream<Arguments> sequences() {
        Observation up = Observation.of(TerminalState.UP, "ok");
        Observation deg = Observation.of(TerminalState.DEGRADED, "low");
        Observation down = Observation.of(TerminalState.DOWN, "unlocked");
        Observation miss = new Observation(TerminalState.DOWN, "no answer", true, false);
        Observation parent = new Observation(TerminalState.UNKNOWN, "hub unreachable", true, false);
        TerminalState U = TerminalState.UP, D = TerminalState.DEGRADED, X = TerminalState.DOWN, K = TerminalState.UNKNOWN;
        return Stream.of(
                Arguments.of("first evidence is taken at once", List.of(up), List.of(U)),
                Arguments.of("one degraded poll is not enough", List.of(up, deg, up), List.of(U, U, U)),
                Arguments.of("two degraded polls in a row", List.of(up, deg, deg), List.of(U, U, D)),
                Arguments.of("alternating never settles", List.of(up, deg, up, deg, up), List.of(U, U, U, U, U)),
                Arguments.of("misses below the limit keep the state", List.of(up, miss, miss, up), List.of(U, U, U, U)),
                Arguments.of("three misses in a row go down", List.of(up, miss, miss, miss), List.of(U, U, U, X)),
                Arguments.of("recovery needs two good polls", List.of(up, miss, miss, miss, up, up), List.of(U, U, U, X, X, U)),
                Arguments.of("lost lock twice", List.of(up, down, down), List.of(U, U, X)),
                Arguments.of("one lost hub answer keeps the state", List.of(up, parent, up), List.of(U, U, U)),
                Arguments.of("hub unreachable three times in a row is unknown", List.of(up, parent, parent, parent), List.of(U, U, U, K)),
                Arguments.of("a miss resets a pending change", List.of(up, deg, miss, deg), List.of(U, U, U, U)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void hysteresis(String name, List<Observation> observations, List<TerminalState> expected) {
        TerminalStateMachine m = new TerminalStateMachine();
        for (int i = 0; i < observations.size(); i++) {
            m.apply(observations.get(i), RULES, T0.plusSeconds(60L * i));
            assertThat(m.state()).as("after observation %d", i + 1).isEqualTo(expected.get(i));
        }
    }

    @Test
    void transitionCarriesFromToAndTime() {
        TerminalStateMachine m = new TerminalStateMachine();
        var first = m.apply(Observation.of(TerminalState.UP, "ok"), RULES, T0);
        assertThat(first).isEqualTo(new TerminalStateMachine.Transition(TerminalState.UNKNOWN, TerminalState.UP, "ok", T0));
        assertThat(m.apply(Observation.of(TerminalState.UP, "ok"), RULES, T0.plusSeconds(60))).isNull();
        assertThat(m.since()).isEqualTo(T0);
    }
}
