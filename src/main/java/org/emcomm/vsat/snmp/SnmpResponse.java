package org.emcomm.vsat.snmp;

import java.util.List;

/** The outcome of one request. Never an exception: a dead agent is a {@link Outcome#TIMEOUT}. */
public record SnmpResponse(Outcome outcome, List<Varbind> varbinds, String detail, long latencyMicros) {
    public enum Outcome {
        OK,
        /** no answer within timeout × (retries + 1) */
        TIMEOUT,
        /** the agent answered with an error status (noSuchName, tooBig, genErr …) */
        AGENT_ERROR,
        /** SNMPv3 report: unknown user, wrong digest, decryption error, unsupported level */
        AUTH_FAILURE,
        /** could not be sent (unknown host, socket error) */
        SEND_FAILED
    }

    public boolean ok() { return outcome == Outcome.OK; }

    public static SnmpResponse failed(Outcome outcome, String detail, long latencyMicros) {
        return new SnmpResponse(outcome, List.of(), detail, latencyMicros);
    }
}
