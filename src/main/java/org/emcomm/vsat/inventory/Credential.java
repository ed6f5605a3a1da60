package org.emcomm.vsat.inventory;

/** How to authenticate to an agent, chosen by name from {@code credentials.yaml}. */
public sealed interface Credential {
    String name();

    /** SNMP v1 or v2c with a community string. */
    record Community(String name, SnmpVersion version, Secret community) implements Credential {}

    /** SNMPv3 USM. {@code auth}/{@code priv} are null for lower security levels. {@code trapEngineId}: the engine ID (hex) its
     * agents' traps must come from, or null for any (informs are sent to our engine). */
    record Usm(String name, String user, AuthProtocol auth, Secret authPassword,
               PrivProtocol priv, Secret privPassword, String contextName, String trapEngineId) implements Credential {
        public Usm(String name, String user, AuthProtocol auth, Secret authPassword, PrivProtocol priv, Secret privPassword, String contextName) {
            this(name, user, auth, authPassword, priv, privPassword, contextName, null);
        }

        public SecurityLevel level() {
            if (auth == null) return SecurityLevel.NO_AUTH_NO_PRIV;
            return priv == null ? SecurityLevel.AUTH_NO_PRIV : SecurityLevel.AUTH_PRIV;
        }
    }

    enum SnmpVersion { V1, V2C, V3 }

    enum SecurityLevel { NO_AUTH_NO_PRIV, AUTH_NO_PRIV, AUTH_PRIV }

    /** MD5 and SHA (SHA-1) are legacy; snmp4j leaves them out by default, we enable them
     * only when a credential names them (older modems need them). */
    enum AuthProtocol { MD5, SHA, SHA224, SHA256, SHA384, SHA512 }

    enum PrivProtocol { DES, AES128, AES192, AES256 }
}
