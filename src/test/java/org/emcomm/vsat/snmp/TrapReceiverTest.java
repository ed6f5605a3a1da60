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

/** Traps and informs from net-snmp's snmptrap/snmpinform (an independent sender) in every version. */
class TrapReceiverTest {
    static final LinkedBlockingQueue<Trap> RECEIVED = new LinkedBlockingQueue<>();
    static TrapReceiver receiver;

    @BeforeAll
    static void start() {
        List<Credential> credentials = List.of(
                new Credential.Community("modems", Credential.SnmpVersion.V2C, new Secret("public")),
                new Credential.Usm("hub", "nms", Credential.AuthProtocol.SHA, new Secret("demo-auth-pass"),
                        Credential.PrivProtocol.AES128, new Secret("demo-priv-pass"), null));
        receiver = new TrapReceiver("127.0.0.1", 0, credentials, RECEIVED::add);
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
                "-x", "AES", "-X", "demo-priv-pass", to(), "", "1.3.6.1.4.1.13732.99.0.2", "1.3.6.1.4.1.13732.99.1.1", "i", "1001")).isZero();
        Trap t = next();
        assertThat(t.oid()).isEqualTo("1.3.6.1.4.1.13732.99.0.2");
        assertThat(t.version()).isEqualTo("v3");
        assertThat(t.security()).isEqualTo("v3 user nms");
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
        long before = receiver.rejected();
        assertThat(run("snmptrap", "-v2c", "-c", "guess", to(), "", "1.3.6.1.6.3.1.1.5.3")).isZero();
        for (int i = 0; i < 100 && receiver.rejected() == before; i++) Thread.sleep(50);
        assertThat(receiver.rejected()).isEqualTo(before + 1);
        assertThat(RECEIVED.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
