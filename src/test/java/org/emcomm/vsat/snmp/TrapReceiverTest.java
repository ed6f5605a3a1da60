package org.emcomm.vsat.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traps and informs from net-snmp's snmptrap/snmpinform (an independent sender) in every version, and each way a
 * sender can fail to be the agent it claims: another credential's community, the wrong version, a v3 user at a lower
 * security level than its credential declares (the user name travels in clear), a wrong key, an unknown user, another
 * engine ID than the credential names. A refused inform is not answered.
 */
class TrapReceiverTest {
    static final LinkedBlockingQueue<Trap> RECEIVED = new LinkedBlockingQueue<>();
    static final LinkedBlockingQueue<TrapReceiver.Rejection> REFUSED = new LinkedBlockingQueue<>();
    static TrapReceiver receiver;
    static final String MODEM = "127.89.0.5", HUB = "127.89.0.6", OTHER_MODEM = "127.89.0.7", PINNED = "127.89.0.8", V1_AGENT = "127.89.0.9";
    static final String ENGINE = "80001f8880504e4e4431"; // the pinned credential's agent, an engine of its own

    @BeforeAll
    static void start() {
        Credential modems = new Credential.Community("modems", Credential.SnmpVersion.V2C, new Secret("public"));
        Credential hubs = new Credential.Community("hubs-v2c", Credential.SnmpVersion.V2C, new Secret("nms-public"));
        Credential hub = new Credential.Usm("hub", "nms", Credential.AuthProtocol.SHA, new Secret("demo-auth-pass"),
                Credential.PrivProtocol.AES128, new Secret("demo-priv-pass"), null);
        Credential pinned = new Credential.Usm("pinned", "pinned", Credential.AuthProtocol.SHA, new Secret("pinned-auth-pass"),
                null, null, null, ENGINE);
        java.util.Map<String, Credential> senders = java.util.Map.of(MODEM, modems, HUB, hub, OTHER_MODEM, modems, PINNED, pinned, V1_AGENT, modems);
        receiver = new TrapReceiver("127.0.0.1", 0, List.of(modems, hubs, hub, pinned), host -> senders.containsKey(host) ? List.of(senders.get(host))
                : List.of(), RECEIVED::add, REFUSED::add);
    }

    @AfterAll
    static void stop() { receiver.close(); }

    static int run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) System.err.println(String.join(" ", cmd) + " -> " + rc + ": " + out);
        return rc;
    }

    static Trap next() throws InterruptedException {
        Trap t = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(t).as("a trap arrived").isNotNull();
        return t;
    }

    String to() { return "127.0.0.1:" + receiver.port(); }

    @Test
    void v2cTrapFromTheSendersOwnAddress() throws Exception {
        assertThat(run("snmptrap", "-v2c", "-c", "public", "--clientaddr=127.89.0.5", to(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.1", "i", "1")).isZero();
        Trap t = next();
        assertThat(t.oid()).isEqualTo("1.3.6.1.6.3.1.1.5.3");
        assertThat(t.source()).isEqualTo("127.89.0.5");
        assertThat(t.host()).isEqualTo("127.89.0.5");
        assertThat(t.version()).isEqualTo("v2c");
        assertThat(t.securityLevel()).isEqualTo("community");
        assertThat(t.credential()).isEqualTo("modems");
        assertThat(t.security()).doesNotContain("public");
        assertThat(t.varbinds()).extracting(Varbind::oid).contains("1.3.6.1.2.1.2.2.1.1.1");
    }

    @Test
    void v1EnterpriseTrapIsConvertedPerRfc3584AndNamesItsAgent() throws Exception {
        assertThat(run("snmptrap", "-v1", "-c", "public", to(), "1.3.6.1.4.1.13732.99", "127.89.0.9", "6", "1", "",
                "1.3.6.1.4.1.13732.99.1.1", "i", "1000")).isZero();
        Trap t = next();
        assertThat(t.oid()).isEqualTo("1.3.6.1.4.1.13732.99.0.1");
        assertThat(t.agentAddress()).isEqualTo("127.89.0.9");
        assertThat(t.version()).isEqualTo("v1");
        assertThat(t.varbinds()).anySatisfy(v -> {
            assertThat(v.oid()).isEqualTo("1.3.6.1.4.1.13732.99.1.1");
            assertThat(v.value().number()).isEqualTo(1000);
        });
    }

    @Test
    void v3TrapWithTheSendersEngineId() throws Exception {
        assertThat(run("snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "nms", "-l", "authPriv", "-a", "SHA", "-A", "demo-auth-pass",
                "-x", "AES", "-X", "demo-priv-pass", "--clientaddr=" + HUB, to(), "", "1.3.6.1.4.1.13732.99.0.2", "1.3.6.1.4.1.13732.99.1.1", "i", "1001")).isZero();
        Trap t = next();
        assertThat(t.oid()).isEqualTo("1.3.6.1.4.1.13732.99.0.2");
        assertThat(t.version()).isEqualTo("v3");
        assertThat(t.security()).isEqualTo("v3 user nms authPriv");
        assertThat(t.securityLevel()).isEqualTo("authPriv");
        assertThat(t.credential()).isEqualTo("hub");
    }

    /** Sends and expects the refusal with this reason, and nothing received. */
    void refused(String reason, String... command) throws Exception {
        REFUSED.clear();
        long before = receiver.rejected();
        run(command);
        TrapReceiver.Rejection r = REFUSED.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("refused: " + reason + "; received instead: " + RECEIVED).isNotNull();
        assertThat(r.reason()).as(String.join(" ", command)).isEqualTo(reason);
        assertThat(receiver.rejected()).isGreaterThan(before);
        assertThat(RECEIVED.poll(300, TimeUnit.MILLISECONDS)).as("nothing reaches the service").isNull();
    }

    @Test
    void aV3TrapBelowItsCredentialsSecurityLevelIsRefusedThoughTheUserNameIsRight() throws Exception {
        // the user name travels in clear: knowing it must not be enough
        refused("security-level", "snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "nms", "-l", "noAuthNoPriv", "--clientaddr=" + HUB,
                to(), "", "1.3.6.1.4.1.13732.99.0.1", "1.3.6.1.4.1.13732.99.1.1", "i", "1001");
        assertThat(REFUSED).isEmpty();
        refused("security-level", "snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "nms", "-l", "authNoPriv", "-a", "SHA", "-A", "demo-auth-pass",
                "--clientaddr=" + HUB, to(), "", "1.3.6.1.4.1.13732.99.0.1", "1.3.6.1.4.1.13732.99.1.1", "i", "1001");
    }

    @Test
    void aV3InformBelowItsLevelIsNotAnswered() throws Exception {
        REFUSED.clear();
        assertThat(run("snmpinform", "-v3", "-u", "nms", "-l", "noAuthNoPriv", "-r", "0", "-t", "2", "--clientaddr=" + HUB, to(), "",
                "1.3.6.1.6.3.1.1.5.3")).as("no acknowledgement").isNotZero();
        assertThat(REFUSED.poll(5, TimeUnit.SECONDS)).extracting(TrapReceiver.Rejection::reason).isEqualTo("security-level");
        assertThat(RECEIVED.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aWrongKeyOrAnUnknownUserIsRefusedByUsmAndCounted() throws Exception {
        refused("wrong-digest", "snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "nms", "-l", "authPriv", "-a", "SHA", "-A", "guessed-pass",
                "-x", "AES", "-X", "demo-priv-pass", "--clientaddr=" + HUB, to(), "", "1.3.6.1.4.1.13732.99.0.1");
        refused("unknown-user", "snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "intruder", "-l", "noAuthNoPriv", "--clientaddr=" + HUB,
                to(), "", "1.3.6.1.4.1.13732.99.0.1");
    }

    @Test
    void aCommunityTrapMustBeTheAgentsOwnCredential() throws Exception {
        refused("community-mismatch", "snmptrap", "-v2c", "-c", "nms-public", "--clientaddr=" + OTHER_MODEM, to(), "", "1.3.6.1.6.3.1.1.5.3");
        refused("wrong-version", "snmptrap", "-v2c", "-c", "public", "--clientaddr=" + HUB, to(), "", "1.3.6.1.6.3.1.1.5.3");
        refused("wrong-version", "snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "nms", "-l", "authPriv", "-a", "SHA", "-A", "demo-auth-pass",
                "-x", "AES", "-X", "demo-priv-pass", "--clientaddr=" + MODEM, to(), "", "1.3.6.1.6.3.1.1.5.3");
    }

    @Test
    void aCredentialThatNamesItsEngineIdTakesTrapsFromThatEngineOnly() throws Exception {
        assertThat(run("snmptrap", "-v3", "-e", "0x" + ENGINE, "-u", "pinned", "-l", "authNoPriv", "-a", "SHA", "-A", "pinned-auth-pass",
                "--clientaddr=" + PINNED, to(), "", "1.3.6.1.6.3.1.1.5.3")).isZero();
        assertThat(RECEIVED.poll(10, TimeUnit.SECONDS)).as("received; refused: %s", REFUSED).isNotNull().extracting(Trap::credential).isEqualTo("pinned");
        refused("engine-id-mismatch", "snmptrap", "-v3", "-e", "0x80001f8880deadbeef01", "-u", "pinned", "-l", "authNoPriv", "-a", "SHA",
                "-A", "pinned-auth-pass", "--clientaddr=" + PINNED, to(), "", "1.3.6.1.6.3.1.1.5.3");
    }

    @Test
    void informsAreAnsweredInV2cAndV3() throws Exception {
        // snmpinform exits 0 only when the inform was acknowledged
        assertThat(run("snmpinform", "-v2c", "-c", "public", "-r", "0", "-t", "5", to(), "", "1.3.6.1.6.3.1.1.5.4")).isZero();
        assertThat(next().inform()).isTrue();
        assertThat(run("snmpinform", "-v3", "-u", "nms", "-l", "authPriv", "-a", "SHA", "-A", "demo-auth-pass", "-x", "AES",
                "-X", "demo-priv-pass", "-r", "1", "-t", "5", to(), "", "1.3.6.1.6.3.1.1.5.4")).isZero();
        Trap t = next();
        assertThat(t.inform()).isTrue();
        assertThat(t.version()).isEqualTo("v3");
    }

    @Test
    void aWrongCommunityIsDroppedAndCounted() throws Exception {
        refused("unknown-community", "snmptrap", "-v2c", "-c", "guess", to(), "", "1.3.6.1.6.3.1.1.5.3");
    }
}
