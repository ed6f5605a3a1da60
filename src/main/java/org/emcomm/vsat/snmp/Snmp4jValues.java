package org.emcomm.vsat.snmp;

import org.emcomm.vsat.snmp.SnmpValue.Syntax;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** snmp4j values to ours. */
final class Snmp4jValues {
    private Snmp4jValues() {}

    static Varbind varbind(VariableBinding vb) {
        return new Varbind(vb.getOid().toDottedString(), value(vb.getVariable()));
    }

    static SnmpValue value(Variable v) {
        if (v == null) return new SnmpValue(Syntax.NULL, 0, "");
        return switch (v.getSyntax()) {
            case SMIConstants.SYNTAX_INTEGER -> SnmpValue.integer(v.toLong());
            case SMIConstants.SYNTAX_COUNTER32 -> SnmpValue.of(Syntax.COUNTER32, v.toLong());
            case SMIConstants.SYNTAX_GAUGE32 -> SnmpValue.of(Syntax.GAUGE32, v.toLong());
            case SMIConstants.SYNTAX_TIMETICKS -> SnmpValue.of(Syntax.TIMETICKS, v.toLong());
            case SMIConstants.SYNTAX_COUNTER64 -> SnmpValue.of(Syntax.COUNTER64, ((Counter64) v).getValue());
            case SMIConstants.SYNTAX_OCTET_STRING -> {
                OctetString s = (OctetString) v;
                yield s.isPrintable() ? new SnmpValue(Syntax.OCTET_STRING, 0, s.toString()) : new SnmpValue(Syntax.OCTET_STRING, 0, s.toHexString(), true);
            }
            case SMIConstants.SYNTAX_OPAQUE -> new SnmpValue(Syntax.OPAQUE, 0, v.toString());
            case SMIConstants.SYNTAX_IPADDRESS -> new SnmpValue(Syntax.IP_ADDRESS, 0, v.toString());
            case SMIConstants.SYNTAX_OBJECT_IDENTIFIER -> new SnmpValue(Syntax.OBJECT_ID, 0, ((OID) v).toDottedString());
            case SMIConstants.EXCEPTION_NO_SUCH_OBJECT -> new SnmpValue(Syntax.NO_SUCH_OBJECT, 0, "noSuchObject");
            case SMIConstants.EXCEPTION_NO_SUCH_INSTANCE -> new SnmpValue(Syntax.NO_SUCH_INSTANCE, 0, "noSuchInstance");
            case SMIConstants.EXCEPTION_END_OF_MIB_VIEW -> new SnmpValue(Syntax.END_OF_MIB_VIEW, 0, "endOfMibView");
            default -> new SnmpValue(Syntax.NULL, 0, v.toString());
        };
    }

    static String reportName(OID oid) {
        if (oid == null) return "(empty)";
        String s = oid.toDottedString();
        return switch (s) {
            case "1.3.6.1.6.3.15.1.1.1.0" -> "unsupportedSecurityLevels";
            case "1.3.6.1.6.3.15.1.1.2.0" -> "notInTimeWindows";
            case "1.3.6.1.6.3.15.1.1.3.0" -> "unknownUserNames";
            case "1.3.6.1.6.3.15.1.1.4.0" -> "unknownEngineIDs";
            case "1.3.6.1.6.3.15.1.1.5.0" -> "wrongDigests";
            case "1.3.6.1.6.3.15.1.1.6.0" -> "decryptionErrors";
            default -> s;
        };
    }
}
