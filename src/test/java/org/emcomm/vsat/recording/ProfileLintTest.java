package org.emcomm.vsat.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.recording.ProfileLint.Finding;
import org.emcomm.vsat.recording.ProfileLint.Level;
import org.junit.jupiter.api.Test;

/**
 * The profile lint against MIB text read by net-snmp's parser: the IETF's SNMPv2-MIB and IF-MIB (fetched by
 * scripts/test-deps.sh, never kept in this repository) and a MIB of our own shaped like a vendor's, with a profile
 * holding one mistake of each kind; the shipped generic-mib2 against the IETF objects it reads.
 */
class ProfileLintTest {
    /** Where scripts/test-deps.sh put the IETF MIB texts (make test runs it). */
    static final Path IETF = Path.of(System.getenv().getOrDefault("EMCOMM_IETF_MIBS", System.getProperty("user.home") + "/.cache/emcomm/ietf-mibs"));
    static final List<Path> MIBS = List.of(IETF, Path.of("src/test/resources/mibs"));

    @org.junit.jupiter.api.BeforeAll
    static void ietfMibsAreThere() {
        assertThat(IETF.resolve("IF-MIB.mib")).as("the IETF MIBs: run scripts/test-deps.sh (make test does)").exists();
    }

    static String line(List<Finding> findings, String where, Level level) {
        return findings.stream().filter(f -> f.where().equals(where) && f.level() == level).map(Finding::message).findFirst().orElse(null);
    }

    @Test
    void eachKindOfMistakeIsFoundAndTheRightLinesPass() throws Exception {
        DeviceProfile p = new ConfigLoader(k -> null).profiles(Path.of("src/test/resources/lint-profiles")).get("test-modem");
        List<Finding> f = ProfileLint.lint(List.of(p), MIBS);
        String report = ProfileLint.report(f);
        assertThat(line(f, "metrics[0] ebNo", Level.OK)).as(report).startsWith("tmRxEbNo (EMCOMM-TEST-MODEM-MIB) Integer32 (0..999), read-only");
        assertThat(line(f, "metrics[1] rxAlarm", Level.WARN)).isEqualTo("code 1 is 'locked' here and 'unlocked' in the MIB");
        assertThat(line(f, "metrics[1] rxAlarm", Level.ERROR)).startsWith("code 3 (fault) is not in tmRxAlarm's enum");
        assertThat(line(f, "metrics[1] rxAlarm", Level.INFO)).isEqualTo("MIB codes the profile does not list (read as invalid): [2]");
        assertThat(line(f, "metrics[2] txLevel", Level.OK)).contains("read-write (writable: read only, never SET)", "add object: tmTxLevel");
        assertThat(line(f, "metrics[3] temperature", Level.ERROR)).isEqualTo("object: tmTemp, but the MIB names it tmTemperature");
        assertThat(line(f, "metrics[4] ebNoAsCounter", Level.ERROR)).isEqualTo("type counter32 cannot read tmRxEbNo's SYNTAX Integer32 (0..999)");
        assertThat(line(f, "metrics[5] lock", Level.ERROR)).startsWith("not defined in the MIBs loaded (the nearest defined node is tmStatus");
        assertThat(line(f, "metrics[6] ebNoNoInstance", Level.ERROR)).isEqualTo("tmRxEbNo is read without its instance: a scalar is read at .0");
        assertThat(line(f, "traps[0] rxAlarmTrap", Level.OK)).isEqualTo("tmRxAlarmTrap (EMCOMM-TEST-MODEM-MIB) NOTIFICATION-TYPE");
        assertThat(line(f, "traps[1] notATrap", Level.ERROR)).isEqualTo("1.3.6.1.4.1.99999.1.2.0 is tmRxAlarm.0, an OBJECT-TYPE, not a NOTIFICATION-TYPE");
        assertThat(line(f, "traps[2] noSuchTrap", Level.ERROR)).startsWith("not defined in the MIBs loaded");
        assertThat(line(f, "neverWrite[0]", Level.OK)).isEqualTo("tmReset (EMCOMM-TEST-MODEM-MIB) read-write, never read nor written");
        assertThat(f.stream().filter(x -> x.level() == Level.ERROR)).hasSize(7);
    }

    @Test
    void theShippedMib2ProfileHoldsAgainstTheObjectsItReads() throws Exception {
        DeviceProfile p = new ConfigLoader(k -> null).profiles(Path.of("config/profiles")).get("generic-mib2");
        List<Finding> f = ProfileLint.lint(List.of(p), MIBS);
        assertThat(f.stream().filter(x -> x.level() == Level.ERROR || x.level() == Level.WARN)).as(ProfileLint.report(f)).isEmpty();
        assertThat(line(f, "metrics[0] sysUpTime", Level.OK)).startsWith("sysUpTime (SNMPv2-MIB) TimeTicks");
        assertThat(line(f, "metrics[1] ifOperStatus", Level.OK)).startsWith("ifOperStatus (IF-MIB) INTEGER {up(1), down(2), testing(3), unknown(4), dormant(5), notPresent(6), lowerLayerDown(7)}");
        assertThat(line(f, "metrics[4] ifHCInOctets", Level.OK)).startsWith("ifHCInOctets (IF-MIB) Counter64");
        assertThat(line(f, "traps[0] coldStart", Level.OK)).isEqualTo("coldStart (SNMPv2-MIB) NOTIFICATION-TYPE");
        assertThat(line(f, "traps[2] linkDown", Level.OK)).isEqualTo("linkDown (IF-MIB) NOTIFICATION-TYPE");
    }

    @Test
    void oidsAreNamedFromTheMibFilesThenTheProfiles() throws Exception {
        java.util.Map<String, String> fromMibs = MibFiles.names(MIBS);
        assertThat(fromMibs.get("1.3.6.1.2.1.2.2.1.1")).isEqualTo("ifIndex");
        assertThat(fromMibs.get("1.3.6.1.4.1.99999.2.0.1")).isEqualTo("tmRxAlarmTrap");
        var profiles = new ConfigLoader(k -> null).profiles(Path.of("config/profiles")).values();
        org.emcomm.vsat.inventory.OidNames names = org.emcomm.vsat.inventory.OidNames.of(profiles, fromMibs);
        assertThat(names.name("1.3.6.1.2.1.2.2.1.1.2")).isEqualTo("ifIndex.2");
        assertThat(names.name("1.3.6.1.4.1.99999.2.0.1")).isEqualTo("tmRxAlarmTrap");
        // without a MIB for them, the profiles name what they map and read
        assertThat(names.name("1.3.6.1.4.1.13732.99.1.17")).isEqualTo("remoteOffline");
        assertThat(names.name("1.3.6.1.4.1.6247.24.1.3.2.5.0")).isEqualTo("cdm570RxEbNo.0");
        assertThat(names.name("1.3.6.1.4.1.6247.34.2.0.5")).isEqualTo("cdm625BUCAlarm");
        assertThat(org.emcomm.vsat.inventory.OidNames.of(profiles, java.util.Map.of()).name("1.3.6.1.4.1.4242.1")).isNull();
    }
}
