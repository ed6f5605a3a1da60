package org.emcomm.vsat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A recording's mistakes fail when it is loaded, naming the line, not at the first GET of the value. */
class RecordingTest {
    @Test
    void aBadLineFailsAtLoadWithItsNumber() {
        assertThatThrownBy(() -> Recording.parse("x.snmprec", "1.3.6.1.2.1.1.3.0|67|1\n1.3.6.1.4.1.1.1.0|2:sim|v=115;fades=-10\n"))
                .hasMessageContaining("x.snmprec:2").hasMessageContaining("'fades' is not one of");
        assertThatThrownBy(() -> Recording.parse("x.snmprec", "1.3.6.1.4.1.1.1.0|2:sim|v=high;fade=-10\n"))
                .hasMessageContaining("x.snmprec:1").hasMessageContaining("v=high needs a number");
        assertThatThrownBy(() -> Recording.parse("x.snmprec", "1.3.6.1.4.1.1.1.0|2|twelve\n")).hasMessageContaining("twelve");
        assertThatThrownBy(() -> Recording.parse("x.snmprec", "1.3.6.1.4.1.1.1.0|2|1\n1.3.6.1.4.1.1.1.0|2|2\n")).hasMessageContaining("already on line 1");
        // a text value that does not move may be anything, a moving one keeps its number
        assertThat(Recording.parse("x.snmprec", "1.3.6.1.4.1.1.1.0|2:sim|v=0;unlocked=NA\n1.3.6.1.4.1.1.2.0|2:sim|v=115;fade=-10\n").size()).isEqualTo(2);
    }
}
