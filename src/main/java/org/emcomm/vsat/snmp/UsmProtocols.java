package org.emcomm.vsat.snmp;

import java.util.Collection;
import org.emcomm.vsat.inventory.Credential;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OctetString;

/** Maps our credential vocabulary onto snmp4j's security protocols (used by the client and
 * by the simulator's agents). */
public final class UsmProtocols {
    private UsmProtocols() {}

    /** snmp4j 3 leaves MD5 and SHA-1 (and DES) out by default; a credential that names one
     * brings it back for this client, so older modems keep working. */
    public static void register(SecurityProtocols protocols, Collection<Credential> credentials) {
        for (Credential c : credentials) {
            if (c instanceof Credential.Usm u) {
                if (u.auth() != null) protocols.addAuthenticationProtocol(auth(u.auth()));
                if (u.priv() != null) protocols.addPrivacyProtocol(priv(u.priv()));
            }
        }
    }

    public static UsmUser user(Credential.Usm u) {
        return new UsmUser(new OctetString(u.user()),
                u.auth() == null ? null : auth(u.auth()).getID(),
                u.auth() == null ? null : new OctetString(u.authPassword().reveal()),
                u.priv() == null ? null : priv(u.priv()).getID(),
                u.priv() == null ? null : new OctetString(u.privPassword().reveal()));
    }

    static int level(Credential.Usm u) {
        return switch (u.level()) {
            case NO_AUTH_NO_PRIV -> SecurityLevel.NOAUTH_NOPRIV;
            case AUTH_NO_PRIV -> SecurityLevel.AUTH_NOPRIV;
            case AUTH_PRIV -> SecurityLevel.AUTH_PRIV;
        };
    }

    static AuthenticationProtocol auth(Credential.AuthProtocol p) {
        return switch (p) {
            case MD5 -> new AuthMD5();
            case SHA -> new AuthSHA();
            case SHA224 -> new AuthHMAC128SHA224();
            case SHA256 -> new AuthHMAC192SHA256();
            case SHA384 -> new AuthHMAC256SHA384();
            case SHA512 -> new AuthHMAC384SHA512();
        };
    }

    static PrivacyProtocol priv(Credential.PrivProtocol p) {
        return switch (p) {
            case DES -> new PrivDES();
            case AES128 -> new PrivAES128();
            case AES192 -> new PrivAES192();
            case AES256 -> new PrivAES256();
        };
    }
}
