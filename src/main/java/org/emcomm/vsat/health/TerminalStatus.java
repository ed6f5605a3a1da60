package org.emcomm.vsat.health;

import java.time.Instant;
import java.util.Map;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/** A terminal's live status: state with reason, when it began, latest poll and metrics, and its last
 * transitions (oldest first). */
public record TerminalStatus(Terminal terminal, TerminalState state, String reason, Instant since,
                             Instant lastPoll, Sample.PollStatus lastPollStatus, Instant lastAnswer, int missedPolls, long latencyMicros,
                             Map<String, MetricValue> metrics, java.util.List<TerminalStateMachine.Transition> history) {}
