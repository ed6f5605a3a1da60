package org.emcomm.vsat.incident;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Region;
import org.emcomm.vsat.inventory.Topology.RegionLevel;
import org.emcomm.vsat.inventory.Topology.Terminal;

/** The response level of a set of affected terminals, by geographic scope (domain.md §2). Pure. */
final class Grading {
    private Grading() {}

    static ResponseLevel level(Inventory inventory, Collection<Terminal> terminals) {
        Set<String> provinces = new HashSet<>(), prefectures = new HashSet<>(), counties = new HashSet<>();
        for (Terminal t : terminals) {
            for (Region r = inventory.region(t.region()); r != null; r = r.parent() == null ? null : inventory.region(r.parent())) {
                switch (r.level()) {
                    case PROVINCE -> provinces.add(r.id());
                    case PREFECTURE -> prefectures.add(r.id());
                    case COUNTY -> counties.add(r.id());
                }
            }
        }
        if (provinces.size() >= 2) return ResponseLevel.I;
        if (prefectures.size() >= 2) return ResponseLevel.II;
        if (counties.size() >= 2) return ResponseLevel.III;
        return ResponseLevel.IV;
    }

    /** Provinces touched by these terminals (the major rule counts them). */
    static int provinces(Inventory inventory, Collection<Terminal> terminals) {
        Set<String> out = new HashSet<>();
        for (Terminal t : terminals) {
            Region p = inventory.province(t.region());
            if (p != null && p.level() == RegionLevel.PROVINCE) out.add(p.id());
        }
        return out.size();
    }
}
