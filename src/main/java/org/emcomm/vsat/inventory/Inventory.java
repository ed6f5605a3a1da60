package org.emcomm.vsat.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.inventory.Topology.Beam;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Region;
import org.emcomm.vsat.inventory.Topology.Satellite;
import org.emcomm.vsat.inventory.Topology.Terminal;

/** A validated inventory with its profiles and credentials, immutable once loaded. */
public final class Inventory {
    private final Map<String, Satellite> satellites;
    private final Map<String, Beam> beams;
    private final Map<String, Region> regions;
    private final Map<String, Hub> hubs;
    private final Map<String, Terminal> terminals;
    private final Map<String, DeviceProfile> profiles;
    private final Map<String, Credential> credentials;
    private final SatelliteInterfaces satelliteInterfaces = new SatelliteInterfaces();

    public Inventory(List<Satellite> satellites, List<Beam> beams, List<Region> regions, List<Hub> hubs,
                     List<Terminal> terminals, Map<String, DeviceProfile> profiles,
                     Map<String, Credential> credentials) {
        this.satellites = index(satellites, Satellite::id);
        this.beams = index(beams, Beam::id);
        this.regions = index(regions, Region::id);
        this.hubs = index(hubs, Hub::id);
        this.terminals = index(terminals, Terminal::id);
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) map.put(id.apply(item), item);
        return Collections.unmodifiableMap(map);
    }

    public Collection<Terminal> terminals() { return terminals.values(); }
    public Collection<Hub> hubs() { return hubs.values(); }
    public Collection<Beam> beams() { return beams.values(); }
    public Collection<Region> regions() { return regions.values(); }
    public Collection<Satellite> satellites() { return satellites.values(); }
    public Map<String, DeviceProfile> profiles() { return profiles; }
    public Map<String, Credential> credentials() { return credentials; }
    /** The satellite interfaces found by ifDescr so far (profiles with {@code interface}). */
    public SatelliteInterfaces satelliteInterfaces() { return satelliteInterfaces; }

    public Terminal terminal(String id) { return terminals.get(id); }
    public Hub hub(String id) { return hubs.get(id); }
    public Beam beam(String id) { return beams.get(id); }
    public Region region(String id) { return regions.get(id); }
    public DeviceProfile profile(String name) { return profiles.get(name); }
    public Credential credential(String name) { return credentials.get(name); }

    /** The province a region belongs to (itself when it is a province). */
    public Region province(String regionId) {
        Region r = regions.get(regionId);
        while (r != null && r.parent() != null) r = regions.get(r.parent());
        return r;
    }

    /** True when {@code regionId} is {@code ancestorId} or lies inside it. */
    public boolean within(String regionId, String ancestorId) {
        for (Region r = regions.get(regionId); r != null; r = r.parent() == null ? null : regions.get(r.parent())) {
            if (r.id().equals(ancestorId)) return true;
        }
        return false;
    }

    public List<Terminal> terminalsOfHub(String hubId) {
        List<Terminal> out = new ArrayList<>();
        for (Terminal t : terminals.values()) if (t.hub().equals(hubId)) out.add(t);
        return out;
    }
}
