package org.emcomm.vsat.inventory;

import java.util.List;

/** The network as the inventory describes it. Values only; see {@link Inventory} for lookups. */
public final class Topology {
    private Topology() {}

    public record Satellite(String id, String name, Double longitude) {}

    /** A beam or transponder on a satellite. */
    public record Beam(String id, String name, String satellite, String transponder) {}

    public enum RegionLevel { PROVINCE, PREFECTURE, COUNTY }

    public record Region(String id, String name, RegionLevel level, String parent) {}

    /** A hub station. When it has an agent, that agent may answer for its remotes in tables. */
    public record Hub(String id, String name, String region, List<String> beams,
                      AgentAddress agent, String profile, String credential) {}

    /**
     * A remote terminal. Exactly one of {@code agent} (the modem answers SNMP itself) or
     * {@code row} (a row index in its hub's table agent) is set.
     */
    public record Terminal(String id, String name, String region, String hub, String beam,
                           double latitude, double longitude, boolean critical,
                           String profile, String credential, AgentAddress agent, String row) {
        public boolean viaHub() { return row != null; }
    }
}
