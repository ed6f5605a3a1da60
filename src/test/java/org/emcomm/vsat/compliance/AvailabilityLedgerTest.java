package org.emcomm.vsat.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.emcomm.vsat.health.TerminalState;
import org.junit.jupiter.api.Test;

/** Terminal-time worked out by hand for three terminals over two hours. */
class AvailabilityLedgerTest {
    static final long MIN = 60_000L;
    static final long T0 = Instant.parse("2050-01-01T00:00:00Z").toEpochMilli();

    @Test
    void timeGoesToTheStateThePreviousSampleLeftGapsAreCappedMaintenanceIsLeftOut() {
        // B is in maintenance 01:10–01:40
        AvailabilityLedger ledger = new AvailabilityLedger(10 * MIN, (t, a, b) -> t.equals("B")
                ? Math.max(0, Math.min(b, T0 + 100 * MIN) - Math.max(a, T0 + 70 * MIN)) : 0);
        for (int m = 0; m <= 120; m += 5) {
            // A says DOWN from 00:30 to 00:55, UP again at 01:00: 30 min down
            ledger.observe("A", T0 + m * MIN, m >= 30 && m < 60 ? TerminalState.DOWN : TerminalState.UP);
            ledger.observe("B", T0 + m * MIN, TerminalState.UP);
        }
        ledger.observe("C", T0, TerminalState.UP);
        ledger.observe("C", T0 + 60 * MIN, TerminalState.UP);      // 60 min gap: only 00:50–01:00 counts
        ledger.observe("C", T0 + 90 * MIN, TerminalState.UNKNOWN); // 01:20–01:30 counts as up (what 01:00 said)
        ledger.observe("C", T0 + 120 * MIN, TerminalState.UP);     // after UNKNOWN: not monitored

        long h0 = Math.floorDiv(T0, AvailabilityLedger.HOUR);
        AvailabilityBook.Totals first = new AvailabilityBook.Totals(), second = new AvailabilityBook.Totals();
        ledger.addTo(first, h0, h0 + 1);
        ledger.addTo(second, h0 + 1, h0 + 2);
        assertThat(first.monitoredMs()).isEqualTo((60 + 60 + 10) * MIN);
        assertThat(first.upMs()).isEqualTo((30 + 60 + 10) * MIN);
        assertThat(first.downMs()).isEqualTo(Map.of("A", 30 * MIN));
        assertThat(first.maintenanceMs()).isZero();
        assertThat(second.monitoredMs()).isEqualTo((60 + 30 + 10) * MIN);
        assertThat(second.upMs()).isEqualTo((60 + 30 + 10) * MIN);
        assertThat(second.maintenanceMs()).isEqualTo(30 * MIN);
        assertThat(second.downMs()).isEmpty();

        // draining takes the closed hour out; a failed write puts it back
        Map<Long, AvailabilityBook.Totals> drained = ledger.drain(h0 + 1);
        assertThat(drained).containsOnlyKeys(h0);
        AvailabilityBook.Totals after = new AvailabilityBook.Totals();
        ledger.addTo(after, h0, h0 + 2);
        assertThat(after.monitoredMs()).isEqualTo(second.monitoredMs());
        ledger.restore(h0, drained.get(h0));
        AvailabilityBook.Totals back = new AvailabilityBook.Totals();
        ledger.addTo(back, h0, h0 + 2);
        assertThat(back.upMs()).isEqualTo(first.upMs() + second.upMs());
        assertThat(back.upMs() / (double) back.monitoredMs()).isEqualTo(200.0 / 230.0);
    }

    @Test
    void aSampleEarlierThanTheLastAddsNothingAndCountingResumesFromIt() {
        AvailabilityLedger ledger = new AvailabilityLedger(10 * MIN, (t, a, b) -> 0);
        ledger.observe("A", T0 + 10 * MIN, TerminalState.UP);
        ledger.observe("A", T0, TerminalState.DOWN);
        ledger.observe("A", T0 + 5 * MIN, TerminalState.UP);
        AvailabilityBook.Totals t = new AvailabilityBook.Totals();
        ledger.addTo(t, 0, Long.MAX_VALUE);
        assertThat(t.monitoredMs()).as("only T0 → T0+5 min, as the DOWN at T0 left it").isEqualTo(5 * MIN);
        assertThat(t.downMs()).isEqualTo(Map.of("A", 5 * MIN));
    }
}
