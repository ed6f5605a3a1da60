package org.emcomm.vsat.inventory;

import java.util.List;
import java.util.Map;

/** The shapes of the YAML files, as written by operators. Converted to domain values by
 * {@link ConfigLoader}, which also validates references. */
final class ConfigFiles {
    private ConfigFiles() {}

    record InventoryFile(List<SatelliteEntry> satellites, List<BeamEntry> beams,
                         List<RegionEntry> regions, List<HubEntry> hubs, List<TerminalEntry> terminals) {}

    record SatelliteEntry(String id, String name, Double longitude) {}

    record BeamEntry(String id, String name, String satellite, String transponder) {}

    record RegionEntry(String id, String name, String level, String parent) {}

    record HubEntry(String id, String name, String region, List<String> beams,
                    String agent, String profile, String credential) {}

    record TerminalEntry(String id, String name, String region, String hub, String beam,
                         Double lat, Double lon, Boolean critical, String profile,
                         String credential, String agent, Object row) {}

    record CredentialsFile(Map<String, CredentialEntry> credentials) {}

    record CredentialEntry(String version, String community, String user, String auth,
                           String authPassword, String priv, String privPassword, String context, String trapEngineId) {}

    record ProfileFile(String name, String vendor, String description, String shape,
                       SnmpEntry snmp, List<MetricEntry> metrics, StateEntry state,
                       SignalsEntry signals, List<TrapEntry> traps, String index,
                       @com.fasterxml.jackson.annotation.JsonProperty("interface") InterfaceEntry iface,
                       List<String> neverWrite, HubEntryOfProfile hub) {}

    /** {@code hub: {metrics: [...], down: [...]}}: what the NMS says of the hub itself. */
    record HubEntryOfProfile(List<MetricEntry> metrics, List<ConditionEntry> down) {}

    /** {@code interface: {descr: "regex"}} or {@code descr: [regex, …]} (the first that matches any interface wins):
     * the satellite interface, found by ifDescr. */
    record InterfaceEntry(Object descr) {}

    record SignalsEntry(String esNo, String rxLevel, String uptime) {}

    record TrapEntry(String oid, String name, String condition, String action, String row, ByValueEntry by, OnlyEntry only,
                     MeaningEntry meaning) {}

    /** {@code meaning: {varbind: OID, objects: {OID: "condition… (name)"}, otherwise: "condition…"}} */
    record MeaningEntry(String varbind, Map<String, String> objects, String otherwise) {}

    /** {@code by: {varbind: OID | first, values: {code: "raise|clear|ignore [condition…] [(name)]"}, otherwise: …}} */
    record ByValueEntry(String varbind, Map<String, String> values, String otherwise) {}

    /** {@code only: {varbind: OID, values: [codes]}} or {@code only: {varbind: OID, is: satellite-interface}} */
    record OnlyEntry(String varbind, List<Long> values, String is) {}

    record SnmpEntry(Boolean bulk, Integer maxRepetitions, Integer varbindsPerPdu,
                     Integer timeoutMs, Integer retries) {}

    record MetricEntry(String name, String oid, String type, Double scale, String unit,
                       Map<String, String> values, Map<String, String> sentinels, Map<String, Double> saturated,
                       String object, String source) {}

    record StateEntry(Integer downAfterMissedPolls, Integer enterAfter,
                      List<ConditionEntry> down, List<ConditionEntry> degraded) {}

    record ConditionEntry(String metric, String op, Object value, List<String> values, String reason, String than) {}
}
