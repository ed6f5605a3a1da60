package org.emcomm.vsat.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** sysUpTime is TimeTicks and wraps after 497 days: going back by exactly one wrap is not a reboot. */
class UptimeWrapTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final double TOP = IncidentEngine.UPTIME_WRAP_SECONDS;

    @Test
    void goingBackByOneWrapIsNotAReboot() {
        // 30 s before the top, polled 60 s later: 30 s past zero
        assertThat(IncidentEngine.uptimeWrapped(TOP - 30, T0, 30, T0.plusSeconds(60))).isTrue();
    }

    @Test
    void aRealRebootNearTheTopIsStillOne() {
        // the modem restarted: 5 s of uptime where 30 s past the wrap was due
        assertThat(IncidentEngine.uptimeWrapped(TOP - 30, T0, 5_000, T0.plusSeconds(60))).isFalse();
        // far from the top, any step back is a reboot
        assertThat(IncidentEngine.uptimeWrapped(86_400, T0, 10, T0.plusSeconds(60))).isFalse();
        assertThat(IncidentEngine.uptimeWrapped(TOP - 30, null, 30, T0.plusSeconds(60))).isFalse();
    }
}
