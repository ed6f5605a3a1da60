package org.emcomm.vsat.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.polling.Sample.PollStatus;
import org.junit.jupiter.api.Test;

/** The reasons a status report gives, in plain words: one row per way a poll goes and per shipped profile rule. */
class PlainReasonsTest {
    record Row(TerminalState state, PollStatus status, String reason, String zh, String en) {}

    @Test
    void everyWayAPollGoesReadsAsPlainWordsWithoutAddressesOrCounters() {
        for (Row r : List.of(
                new Row(TerminalState.UP, PollStatus.ANSWERED, "all metrics within limits", "运行正常", "operating normally"),
                new Row(TerminalState.UP, PollStatus.TIMEOUT, "all metrics within limits", "终端无应答", "the terminal does not answer"),
                new Row(TerminalState.UNKNOWN, PollStatus.PARENT_UNREACHABLE,
                        "hub hub-bj agent 127.88.0.1:1161 did not answer (TIMEOUT: no response) (3 in a row)",
                        "主站网管无应答，终端状态不可见", "hub management system not answering: state not visible"),
                new Row(TerminalState.DOWN, PollStatus.NO_ROW, "hub hub-gz has no row 1043", "主站网管未列出该终端", "hub management system does not list this terminal"),
                new Row(TerminalState.UNKNOWN, PollStatus.AUTH_FAILURE, "SNMP authentication failed: usmStatsWrongDigests", "无法监测：SNMP 认证被拒绝",
                        "cannot be monitored: the device refuses our SNMP credentials"),
                new Row(TerminalState.DOWN, PollStatus.ANSWERED, "demodulator unlocked (unlocked)", "解调器失锁", "demodulator unlocked"),
                new Row(TerminalState.DOWN, PollStatus.ANSWERED, "demodulator unlocked (3 in a row)", "解调器失锁", "demodulator unlocked"),
                new Row(TerminalState.DEGRADED, PollStatus.ANSWERED, "Es/No margin low (4.10)", "Es/No 余量不足 (4.10)", "Es/No margin low (4.10)"),
                new Row(TerminalState.DEGRADED, PollStatus.ANSWERED, "return-link Es/No margin low (3.20)", "回传链路 Es/No 余量不足 (3.20)",
                        "return-link Es/No margin low (3.20)"),
                new Row(TerminalState.DOWN, PollStatus.ANSWERED, "remote offline at the hub (offline)", "主站显示该终端离线", "remote offline at the hub"),
                new Row(TerminalState.DOWN, PollStatus.ANSWERED, "BUC fault reported by 10.20.30.40:161 (2)", "BUC fault reported by (2)",
                        "BUC fault reported by (2)"),
                new Row(TerminalState.UNKNOWN, null, "not polled yet", "尚未轮询", "not polled yet"))) {
            PlainReasons.Words w = PlainReasons.of(r.state(), r.status(), r.reason());
            assertThat(w.zh()).as(r.toString()).isEqualTo(r.zh());
            assertThat(w.en()).as(r.toString()).isEqualTo(r.en());
        }
    }
}
