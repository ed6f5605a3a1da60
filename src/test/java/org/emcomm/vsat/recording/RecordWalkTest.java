package org.emcomm.vsat.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Secret;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.simulator.Recording;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.snmp.SnmpTarget;
import org.emcomm.vsat.testing.NetSnmpAgent;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * record-walk against net-snmp's snmpd made to answer a CDM-570's OIDs (override lines, values from oids.md), then
 * profile-check replaying the file: the walk is whole enough for the profile, and what identifies the site is gone.
 */
class RecordWalkTest {
    @Test
    void aWalkOfARealAgentIsRedactedAndReplaysThroughTheProfile(@TempDir Path dir) throws Exception {
        List<String> cdm570 = List.of(
                "syslocation 四川省甘孜州康定市 Secret Hilltop 7",
                "syscontact noc-duty@secret.example.cn",
                "sysname cdm570-kangding-secret",
                "override 1.3.6.1.4.1.6247.24.1.3.2.5.0 integer 123",
                "override 1.3.6.1.4.1.6247.24.1.3.2.4.0 integer -42",
                "override 1.3.6.1.4.1.6247.24.1.3.2.1.0 integer 0",
                "override 1.3.6.1.4.1.6247.24.1.3.1.3.0 integer 0",
                "override 1.3.6.1.4.1.6247.24.1.2.2.10.0 integer -80");
        NetSnmpAgent snmpd = NetSnmpAgent.start(TestNetwork.freeUdpPort(), null, cdm570);
        Path out = dir.resolve("cdm570.snmprec");
        try (snmpd; Snmp4jClient client = new Snmp4jClient(List.of(credential()), 16, 1 << 20)) {
            List<String> lines = RecordWalk.walk(client, new SnmpTarget(new AgentAddress("127.0.0.1", snmpd.port), credential(),
                    Duration.ofSeconds(2), 2), "1.3.6.1", true);
            Files.write(out, lines, StandardCharsets.UTF_8);
        }
        String text = Files.readString(out);
        assertThat(text.lines().count()).as("a whole walk, not a few objects").isGreaterThan(100);
        assertThat(text).contains("1.3.6.1.2.1.1.5.0|4|redacted", "1.3.6.1.2.1.1.6.0|4|redacted", "1.3.6.1.2.1.1.4.0|4|redacted",
                "1.3.6.1.4.1.6247.24.1.3.2.5.0|2|123");
        assertThat(text).doesNotContain("Secret", "secret", "康定", "127.0.0.1");
        // every IpAddress value is in TEST-NET-1 (but netmasks and 0.0.0.0, which say nothing of the site), and so is every
        // address in an IP table's index
        for (String l : text.lines().toList()) {
            if (l.contains("|64|")) assertThat(l.substring(l.indexOf("|64|") + 4)).as(l).matches("192\\.0\\.2\\.\\d+|255\\.[\\d.]+|0\\.0\\.0\\.0"); // netmasks stay
            if (l.startsWith("1.3.6.1.2.1.4.20.1.")) assertThat(l.split("\\|")[0]).matches("1\\.3\\.6\\.1\\.2\\.1\\.4\\.20\\.1\\.\\d+\\.192\\.0\\.2\\.\\d+");
        }

        ProfileCheck.Result r = ProfileCheck.run(TestNetwork.projectProfiles(), "comtech-cdm570", Recording.load(out));
        ProfileCheck.Row row = r.rows().get(0);
        assertThat(row.observation().state()).as(row.observation().reason()).isEqualTo(TerminalState.UP);
        assertThat(row.sample().metrics().get("ebNo")).isEqualTo(new MetricValue.Reading(12.3, "123"));
        String report = ProfileCheck.report(r);
        assertThat(report).contains("cdm570RxEbNo", "collector", "123", "12.3", "dB", "state UP: all metrics within limits");
    }

    static Credential credential() {
        return new Credential.Community("walk", Credential.SnmpVersion.V2C, new Secret(NetSnmpAgent.COMMUNITY));
    }

    /** The redaction on a walk made by hand, whatever the host's own tables hold: every form an address takes. */
    @Test
    void everyFormOfAnAddressIsMappedOneToOne() {
        java.util.Map<String, org.emcomm.vsat.snmp.SnmpValue> walk = new java.util.LinkedHashMap<>();
        walk.put("1.3.6.1.2.1.1.1.0", org.emcomm.vsat.snmp.SnmpValue.text("modem at 10.20.30.40 (mgmt 172.16.0.9)"));
        walk.put("1.3.6.1.2.1.4.20.1.1.10.20.30.40", new org.emcomm.vsat.snmp.SnmpValue(org.emcomm.vsat.snmp.SnmpValue.Syntax.IP_ADDRESS, 0, "10.20.30.40"));
        walk.put("1.3.6.1.2.1.4.20.1.3.10.20.30.40", new org.emcomm.vsat.snmp.SnmpValue(org.emcomm.vsat.snmp.SnmpValue.Syntax.IP_ADDRESS, 0, "255.255.255.0"));
        walk.put("1.3.6.1.2.1.4.34.1.3.1.4.172.16.0.9", org.emcomm.vsat.snmp.SnmpValue.integer(2));
        walk.put("1.3.6.1.2.1.4.34.1.5.1.4.172.16.0.9", new org.emcomm.vsat.snmp.SnmpValue(org.emcomm.vsat.snmp.SnmpValue.Syntax.OBJECT_ID, 0,
                "1.3.6.1.2.1.4.32.1.5.2.1.4.172.16.0.0.24"));
        walk.put("1.3.6.1.2.1.6.19.1.7.2.16.0.0.0.0.0.0.0.0.0.0.255.255.10.20.30.40.22.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.7.51000",
                org.emcomm.vsat.snmp.SnmpValue.integer(5));
        walk.put("1.3.6.1.2.1.6.20.1.4.2.16.254.128.0.0.0.0.0.0.2.22.62.255.254.1.2.3.161", org.emcomm.vsat.snmp.SnmpValue.integer(1));
        walk.put("1.3.6.1.2.1.4.24.7.1.9.1.4.10.20.30.40.32.2.0.0.1.4.172.16.0.1", org.emcomm.vsat.snmp.SnmpValue.integer(1));
        walk.put("1.3.6.1.2.1.4.35.1.4.3.1.4.172.16.0.1", new org.emcomm.vsat.snmp.SnmpValue(org.emcomm.vsat.snmp.SnmpValue.Syntax.OCTET_STRING, 0, "00:1a:2b:3c:4d:5e", true));
        walk.put("1.3.6.1.2.1.2.2.1.6.1", new org.emcomm.vsat.snmp.SnmpValue(org.emcomm.vsat.snmp.SnmpValue.Syntax.OCTET_STRING, 0, "00:1a:2b:3c:4d:5e", true));
        RecordWalk.Redactor r = new RecordWalk.Redactor(walk);
        List<String> lines = new java.util.ArrayList<>();
        walk.forEach((oid, v) -> lines.add(r.line(oid, v)));
        String text = String.join("\n", lines);
        assertThat(text).doesNotContain("10.20.30.40", "172.16.0.9", "172.16.0.1", "254.128", "255.255.10", "001a2b3c4d5e");
        String a = r.dotted("10.20.30.40"), b = r.dotted("172.16.0.9");
        assertThat(a).startsWith("192.0.2.").isNotEqualTo(b);
        assertThat(lines.get(0)).isEqualTo("1.3.6.1.2.1.1.1.0|4|modem at " + a + " (mgmt " + b + ")");
        assertThat(lines.get(1)).isEqualTo("1.3.6.1.2.1.4.20.1.1." + a + "|64|" + a);
        assertThat(lines.get(2)).as("a netmask says nothing of the site").endsWith("|64|255.255.255.0");
        assertThat(lines.get(3)).isEqualTo("1.3.6.1.2.1.4.34.1.3.1.4." + b + "|2|2");
        assertThat(lines.get(5)).startsWith("1.3.6.1.2.1.6.19.1.7.2.16.0.0.0.0.0.0.0.0.0.0.255.255." + a + ".22.2.16.32.1.13.184.");
        assertThat(lines.get(6)).startsWith("1.3.6.1.2.1.6.20.1.4.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.");
        assertThat(lines.get(8)).as("a neighbour's hardware address, a binary string").doesNotContain("001a2b3c4d5e");
        assertThat(lines.get(9)).as("the same address, the same stand-in").isEqualTo("1.3.6.1.2.1.2.2.1.6.1|4x|020000000001");
    }
}
