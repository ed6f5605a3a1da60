package org.emcomm.vsat.snmp;

import org.emcomm.vsat.inventory.Credential;

/**
 * Who may send traps as what: the credentials the inventory gives the terminals and hub at an address (several when
 * devices share a host on different ports). A trap about a known address is accepted only with one of them, at its
 * version and security level; a trap from an address the inventory does not know only with one of the credentials, at
 * that credential's level (it is then recorded as unknown).
 */
@FunctionalInterface
public interface TrapSenders {
    /** The credentials of the agents at this host; empty when the inventory has none there. */
    java.util.Collection<Credential> expected(String host);
}
