package org.emcomm.vsat.inventory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Names for OIDs, so a trap or a varbind reads "linkDown" or "ifIndex.2" instead of digits: from MIB files the operator
 * loaded (when any: they are the authority), then from the profiles (trap names, metric objects). Pure.
 */
public final class OidNames {
    private final Map<String, String> names;

    private OidNames(Map<String, String> names) { this.names = Map.copyOf(names); }

    public static final OidNames NONE = new OidNames(Map.of());

    public static OidNames of(Collection<DeviceProfile> profiles, Map<String, String> fromMibs) {
        Map<String, String> out = new HashMap<>();
        for (DeviceProfile p : profiles) {
            for (DeviceProfile.Metric m : java.util.stream.Stream.concat(p.metrics().stream(), p.hub().metrics().stream()).toList()) {
                if (m.object() == null) continue;
                String oid = m.perInterface() ? m.oid().substring(0, m.oid().length() - DeviceProfile.Interface.PLACEHOLDER.length() - 1)
                        : p.shape() == DeviceProfile.Shape.SCALAR && m.oid().endsWith(".0") ? m.oid().substring(0, m.oid().length() - 2) : m.oid();
                out.putIfAbsent(oid, m.object());
            }
            for (DeviceProfile.TrapRule t : p.traps()) {
                String name = t.name().replaceFirst("\\s*\\(.*\\)$", "").trim(); // "unitAlarm (equipment)" → unitAlarm
                if (!name.isEmpty() && !name.equals(t.oid())) out.putIfAbsent(t.oid(), name);
            }
        }
        out.putAll(fromMibs);
        return new OidNames(out);
    }

    /** The name of this OID, or of its longest named prefix followed by the rest ("ifIndex.2"); null when nothing is named. */
    public String name(String oid) {
        if (oid == null) return null;
        String exact = names.get(oid);
        if (exact != null) return exact;
        for (int i = oid.lastIndexOf('.'); i > 0; i = oid.lastIndexOf('.', i - 1)) {
            String n = names.get(oid.substring(0, i));
            if (n != null) return n + oid.substring(i);
        }
        return null;
    }

    public int size() { return names.size(); }
}
