package org.emcomm.vsat.snmp;

/** An OID (dotted, no leading dot) and its value. */
public record Varbind(String oid, SnmpValue value) {}
