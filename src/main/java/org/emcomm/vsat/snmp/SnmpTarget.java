package org.emcomm.vsat.snmp;

import java.time.Duration;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.Credential;

/** Where to send a request and how: address, credential, timeout per try and retries. */
public record SnmpTarget(AgentAddress address, Credential credential, Duration timeout, int retries) {}
