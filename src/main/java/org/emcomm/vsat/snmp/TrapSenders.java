package org.emcomm.vsat.snmp;

import org.emcomm.vsat.inventory.Credential;

/**
 * Who may send traps as what: the credential the inventory gives the terminal or hub at an address. A trap about a
 * known address is accepted only with that credential, at its version and security level; a trap from an address the
 * inventory does not know only with one of the credentials, at that credential's level (it is then recorded as unknown).
 */
@FunctionalInterface
public interface TrapSenders {
    /** The credential of the agent at this host, or null when the inventory has none there. */
    Credential expected(String host);
}
