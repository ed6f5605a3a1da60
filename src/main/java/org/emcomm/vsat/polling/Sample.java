package org.emcomm.vsat.polling;

import java.time.Instant;
import java.util.Map;

/** The result of polling one terminal once: a small immutable value. Storage and health
 * consume samples; the poller does not call them. */
public record Sample(String terminalId, Instant at, PollStatus status, Map<String, MetricValue> metrics,
                    long latencyMicros, String detail) {

    public enum PollStatus {
        ANSWERED,
        /** no answer within the profile's timeout and retries */
        TIMEOUT,
        /** the agent answered with an SNMP error */
        AGENT_ERROR,
        /** SNMPv3: unknown user, wrong digest, decryption error */
        AUTH_FAILURE,
        /** the hub/NMS agent that answers for this remote did not answer */
        PARENT_UNREACHABLE,
        /** the hub agent answered but has no row for this remote */
        NO_ROW
    }

    public boolean answered() { return status == PollStatus.ANSWERED; }
}
