package org.emcomm.vsat.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Secret;
import org.emcomm.vsat.testing.NetSnmpAgent;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/** A modem replaced (or reset) at the same address answers with a new engine ID: the client
 * must rediscover it within one missed poll (a terminal goes DOWN only after three). net-snmp's
 * snmpd is the peer because it sends the unknownEngineIDs report RFC 3414 asks for. */
class V3RediscoveryTest {
    @Test
    void aReplacedV3AgentIsRediscovered() throws Exception {
        Credential.Usm cred = new Credential.Usm("v3", NetSnmpAgent.USER, Credential.AuthProtocol.SHA, new Secret(NetSnmpAgent.AUTH),
                Credential.PrivProtocol.AES128, new Secret(NetSnmpAgent.PRIV), null);
        int port = TestNetwork.freeUdpPort();
        SnmpTarget target = new SnmpTarget(new AgentAddress("127.0.0.1", port), cred, Duration.ofSeconds(1), 1);
        List<String> uptime = List.of("1.3.6.1.2.1.1.3.0");
        try (Snmp4jClient client = new Snmp4jClient(List.of(cred), 16, 1 << 20)) {
            try (NetSnmpAgent first = NetSnmpAgent.start(port, "emcomm-first-engine")) {
                assertThat(client.get(target, uptime).get(10, TimeUnit.SECONDS).outcome()).isEqualTo(SnmpResponse.Outcome.OK);
            }
            try (NetSnmpAgent replacement = NetSnmpAgent.start(port, "emcomm-replacement")) {
                // snmp4j drops the agent's unknownEngineIDs report (it names the new engine), so the
                // first request may time out; it makes the client forget the old engine, and the
                // next poll (the fast re-poll after a failure) rediscovers and answers.
                SnmpResponse first = client.get(target, uptime).get(10, TimeUnit.SECONDS);
                SnmpResponse after = first.ok() ? first : client.get(target, uptime).get(10, TimeUnit.SECONDS);
                assertThat(after.outcome()).as(after.detail()).isEqualTo(SnmpResponse.Outcome.OK);
            }
            assertThat(client.stats().pending()).isZero();
        }
    }
}
