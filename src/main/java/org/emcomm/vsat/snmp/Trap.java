package org.emcomm.vsat.snmp;

import java.util.List;

/**
 * A received trap or inform, free of snmp4j types. {@code oid} is the notification OID (v1 traps
 * converted per RFC 3584: a generic trap to 1.3.6.1.6.3.1.1.5.n, an enterprise one to
 * enterprise.0.specific). {@code agentAddress} is the agent the trap is about when the message
 * says so (v1 agent-addr, or snmpTrapAddress.0 from a proxy), else null. {@code security} names
 * the version and the user, never a community; {@code securityLevel} is {@code community} for v1/v2c, else the v3
 * level it came at; {@code credential} is the name of the credential it was accepted with.
 */
public record Trap(String source, String agentAddress, String version, String security, String oid, Long uptimeTicks,
                   boolean inform, List<Varbind> varbinds, String securityLevel, String credential) {
    /** The host the trap is about: the agent it names, else the sender. */
    public String host() { return agentAddress != null ? agentAddress : source; }
}
