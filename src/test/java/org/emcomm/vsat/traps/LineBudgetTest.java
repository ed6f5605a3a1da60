package org.emcomm.vsat.traps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log budget a trap flood spends: a few lines written, the rest counted for one summary per window. */
class LineBudgetTest {
    @Test
    void writesTheBurstThenCountsTheRestUntilTheWindowCloses() {
        TrapService.LineBudget budget = new TrapService.LineBudget(3);
        long start = System.nanoTime();
        int written = 0;
        for (int i = 0; i < 10; i++) if (budget.spend()) written++;
        assertThat(written).isEqualTo(3);
        assertThat(budget.close(start)).as("the window still lasts").isEqualTo(-1);
        long end = start + TrapService.LineBudget.WINDOW_NANOS + 1;
        assertThat(budget.close(end)).as("held back in the window").isEqualTo(7);
        // a new window: the burst again, and nothing held back to say when it closes
        assertThat(budget.spend()).isTrue();
        assertThat(budget.close(end + TrapService.LineBudget.WINDOW_NANOS)).isZero();
    }
}
