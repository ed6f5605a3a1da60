package org.emcomm.vsat.traps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.simulator.RecordedTraps;
import org.emcomm.vsat.snmp.Trap;
import org.emcomm.vsat.snmp.TrapReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.smi.VariableBinding;

/**
 * Traps as the devices send them (src/test/resources/recordings/devices.traps, from the facts in oids.md), sent by
 * net-snmp's snmptrap from each device's own address, received by our receiver and read by the shipped profiles: each
 * gives what a NOC operator expects (terminal down raised or cleared, a fault, or nothing).
 */
class DeviceTrapsTest {
    static final String HUB = "127.89.20.1", CDM625 = "127.89.20.2", CDM570 = "127.89.20.3", ROUTER = "127.89.20.4", MDM = "127.89.20.5";
    static final LinkedBlockingQueue<Trap> RECEIVED = new LinkedBlockingQueue<>();
    static TrapReceiver receiver;
    static TrapMapper mapper;
    static Inventory inventory;
    static RecordedTraps traps;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  c: {version: v2c, community: device-traps}\n");
        Files.writeString(dir.resolve("inventory.yaml"), String.format("""
                satellites: [{id: sat}]
                beams: [{id: b, satellite: sat}]
                regions: [{id: p, level: province}]
                hubs: [{id: h, region: p, agent: "%s:161", profile: idirect-nms, credential: c}]
                terminals:
                  - {id: R-20017, region: p, hub: h, beam: b, lat: 30, lon: 104, row: 20017}
                  - {id: R-20034, region: p, hub: h, beam: b, lat: 30, lon: 104, row: 20034}
                  - {id: T625, region: p, hub: h, beam: b, lat: 30, lon: 104, profile: comtech-cdm625, credential: c, agent: "%s:161"}
                  - {id: T570, region: p, hub: h, beam: b, lat: 30, lon: 104, profile: comtech-cdm570, credential: c, agent: "%s:161"}
                  - {id: TR, region: p, hub: h, beam: b, lat: 30, lon: 104, profile: generic-mib2, credential: c, agent: "%s:161"}
                  - {id: TM, region: p, hub: h, beam: b, lat: 30, lon: 104, profile: newtec-mdm, credential: c, agent: "%s:161"}
                """, HUB, CDM625, CDM570, ROUTER, MDM));
        inventory = new ConfigLoader(k -> null).load(dir, Path.of("config/profiles"));
        inventory.satelliteInterfaces().found("TR", 2); // as the first poll finds it by ifDescr (DeviceFixturesTest)
        mapper = new TrapMapper(inventory);
        traps = RecordedTraps.load(Path.of("src/test/resources/recordings/devices.traps"));
        Credential c = inventory.credential("c");
        receiver = new TrapReceiver("127.0.0.1", 0, List.of(c), host -> List.of(c), RECEIVED::add, r -> { });
    }

    @AfterAll
    static void stop() { receiver.close(); }

    /** snmptrap's type letter for a value as snmp4j holds it. */
    static String type(VariableBinding vb) {
        return switch (vb.getVariable().getSyntaxString()) {
            case "Integer32" -> "i";
            case "OCTET STRING" -> "s";
            case "OBJECT IDENTIFIER" -> "o";
            case "Gauge32" -> "u";
            case "Counter32" -> "c";
            case "TimeTicks" -> "t";
            case "IpAddress" -> "a";
            default -> throw new IllegalArgumentException(vb.getVariable().getSyntaxString());
        };
    }

    static Trap send(String event, String from, boolean v1) throws Exception {
        RecordedTraps.Sent t = traps.of(event, null).get(0);
        List<String> cmd = new ArrayList<>(List.of("snmptrap", v1 ? "-v1" : "-v2c", "-c", "device-traps", "--clientaddr=" + from, "127.0.0.1:" + receiver.port()));
        if (v1) {
            // RFC 3584: a v1 agent sends the SMIv2 notification P.n as enterprise P, specific n
            int dot = t.oid().lastIndexOf('.');
            cmd.addAll(List.of(t.oid().substring(0, dot), from, "6", t.oid().substring(dot + 1), ""));
        } else {
            cmd.addAll(List.of("", t.oid()));
        }
        for (VariableBinding vb : t.varbinds()) cmd.addAll(List.of(vb.getOid().toDottedString(), type(vb), vb.getVariable().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        Trap received = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("the trap " + event + " arrived").isNotNull();
        return received;
    }

    @ParameterizedTest(name = "{0} from {1}{2} → {3}")
    @CsvSource(delimiter = ';', value = {
            "idirect-offline-alarm; HUB; ; RAISE TERMINAL_DOWN R-20017 remoteOffline alarm",
            "idirect-offline-alarm; HUB; v1; RAISE TERMINAL_DOWN R-20017 remoteOffline alarm",
            "idirect-offline-cleared; HUB; ; CLEAR TERMINAL_DOWN R-20017 remoteOffline cleared",
            "idirect-offline-level-unknown; HUB; ; ignored",
            "idirect-snr-warning; HUB; ; RAISE TERMINAL_DEGRADED R-20017 downstreamSNR warning",
            "idirect-lost-lock-other-remote; HUB; ; RAISE TERMINAL_DOWN R-20034 rmttxSCPCLostLock alarm",
            "idirect-proxy-start; HUB; ; ignored",
            "idirect-chassis-down; HUB; ; hub h out of service",
            "idirect-chassis-down; HUB; v1; hub h out of service",
            "idirect-chassis-cleared; HUB; ; hub h in service",
            "idirect-pp-alarm; HUB; ; hub h out of service",
            "idirect-fan; HUB; ; ignored",
            "cdm625-rx-unlocked; CDM625; ; RAISE TERMINAL_DOWN T625 cdm625RxTrafficAlarm demodulatorUnlocked",
            "cdm625-rx-cleared; CDM625; ; CLEAR TERMINAL_DOWN T625 cdm625RxTrafficAlarm cleared, CLEAR TERMINAL_DEGRADED T625 cdm625RxTrafficAlarm cleared",
            "cdm625-buc-temperature; CDM625; ; RAISE TERMINAL_DEGRADED T625 cdm625BUCAlarm (equipment) bucTemperature",
            "cdm570-linkup-at-boot; CDM570; ; ignored",
            "cdm570-ebno-alarm; CDM570; ; RAISE TERMINAL_DEGRADED T570 rxAlarm ebNoAlarm",
            "mib2-linkdown-lan; ROUTER; ; ignored",
            "mib2-linkdown-sat; ROUTER; ; RAISE TERMINAL_DOWN TR linkDown",
            "mdm-buc-alarm-on; MDM; ; RAISE TERMINAL_DEGRADED TM ntcNotifAlReport bucHardware on",
            "mdm-buc-alarm-off; MDM; ; CLEAR TERMINAL_DEGRADED TM ntcNotifAlReport bucHardware off",
            "mdm-nolock-on; MDM; ; RAISE TERMINAL_DOWN TM ntcNotifAlReport noLock on",
            "mdm-nolock-off; MDM; ; CLEAR TERMINAL_DOWN TM ntcNotifAlReport noLock off"})
    void aDeviceTrapMeansWhatTheOperatorExpects(String event, String sender, String v1, String expected) throws Exception {
        String from = switch (sender) {
            case "HUB" -> HUB;
            case "CDM625" -> CDM625;
            case "CDM570" -> CDM570;
            case "ROUTER" -> ROUTER;
            default -> MDM;
        };
        Trap trap = send(event, from, "v1".equals(v1));
        if ("v1".equals(v1)) assertThat(trap.oid()).matches("1\\.3\\.6\\.1\\.4\\.1\\.13732\\.99\\.[12]\\.0\\.(17|3)");
        TrapMapper.Outcome o = mapper.map(trap, Instant.EPOCH);
        String got = o.unknownReason() != null ? "unknown" : o.ignoredReason() != null ? "ignored"
                : o.hubSignal() != null ? "hub " + o.hubSignal().hub() + (o.hubSignal().faulty() ? " out of service" : " in service")
                : String.join(", ", o.signals().stream().map(s -> s.action() + " " + s.condition() + " " + s.terminal().id() + " " + s.trap()).toList());
        assertThat(got).as(o.unknownReason() != null ? o.unknownReason() : o.ignoredReason()).isEqualTo(expected);
    }
}
