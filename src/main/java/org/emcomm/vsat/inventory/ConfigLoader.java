package org.emcomm.vsat.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.emcomm.vsat.inventory.ConfigFiles.ConditionEntry;
import org.emcomm.vsat.inventory.ConfigFiles.CredentialEntry;
import org.emcomm.vsat.inventory.ConfigFiles.InventoryFile;
import org.emcomm.vsat.inventory.ConfigFiles.MetricEntry;
import org.emcomm.vsat.inventory.ConfigFiles.ProfileFile;
import org.emcomm.vsat.inventory.DeviceProfile.Condition;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.emcomm.vsat.inventory.DeviceProfile.Op;
import org.emcomm.vsat.inventory.DeviceProfile.Shape;
import org.emcomm.vsat.inventory.DeviceProfile.SnmpOptions;
import org.emcomm.vsat.inventory.DeviceProfile.StateRules;
import org.emcomm.vsat.inventory.DeviceProfile.ValueType;
import org.emcomm.vsat.inventory.Topology.Beam;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Region;
import org.emcomm.vsat.inventory.Topology.RegionLevel;
import org.emcomm.vsat.inventory.Topology.Satellite;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * Loads {@code inventory.yaml}, {@code credentials.yaml} and {@code profiles/*.yaml} and
 * validates them together. Any problem stops with a {@link ConfigException} naming the
 * file, the key and the reason.
 */
public final class ConfigLoader {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Pattern OID = Pattern.compile("\\.?[0-2](\\.\\d+)+");

    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    public Inventory load(Path configDir, Path profilesDir) {
        return withLine(() -> {
            Map<String, Credential> credentials = loadCredentials(configDir.resolve("credentials.yaml"));
            return loadInventory(configDir.resolve("inventory.yaml"), loadProfiles(profilesDir), credentials);
        });
    }

    /** A load whose error names the line of its key. */
    private static <T> T withLine(java.util.function.Supplier<T> load) {
        try {
            return load.get();
        } catch (ConfigException e) {
            throw e.withLine();
        }
    }

    // ---- credentials -------------------------------------------------------------------

    /** The credentials of {@code credentials.yaml} alone (tools that talk to one agent). */
    public Map<String, Credential> credentials(Path file) { return withLine(() -> loadCredentials(file)); }

    /** The profiles of a folder alone (profile-check, profile-lint). */
    public Map<String, DeviceProfile> profiles(Path dir) { return withLine(() -> loadProfiles(dir)); }

    Map<String, Credential> loadCredentials(Path file) {
        var parsed = YamlFiles.read(file, ConfigFiles.CredentialsFile.class);
        String f = file.toString();
        Map<String, Credential> out = new LinkedHashMap<>();
        if (parsed.credentials() == null) throw new ConfigException(f, "credentials", "missing");
        parsed.credentials().forEach((name, e) -> out.put(name, credential(f, "credentials." + name, name, e)));
        // The SNMP engine keeps one key set per v3 user name, so one name cannot carry two
        // sets of pass phrases (yet): refuse it rather than authenticate with the wrong one.
        Map<String, Credential.Usm> byUser = new HashMap<>();
        for (Credential c : out.values()) {
            if (!(c instanceof Credential.Usm u)) continue;
            Credential.Usm other = byUser.putIfAbsent(u.user(), u);
            if (other != null && !sameKeys(other, u)) {
                throw new ConfigException(f, "credentials." + u.name() + ".user", "user '" + u.user()
                        + "' is also in credential '" + other.name() + "' with other protocols or pass phrases; use one set per user name");
            }
        }
        return out;
    }

    private Credential credential(String f, String key, String name, CredentialEntry e) {
        String version = required(f, key + ".version", e.version()).toLowerCase(Locale.ROOT);
        switch (version) {
            case "v1", "v2c" -> {
                if (e.user() != null || e.auth() != null || e.priv() != null) {
                    throw new ConfigException(f, key, "user/auth/priv belong to v3 credentials, not " + version);
                }
                Secret community = secret(f, key + ".community", required(f, key + ".community", e.community()));
                return new Credential.Community(name,
                        version.equals("v1") ? Credential.SnmpVersion.V1 : Credential.SnmpVersion.V2C, community);
            }
            case "v3" -> {
                if (e.community() != null) throw new ConfigException(f, key + ".community", "v3 credentials use user/auth/priv");
                String user = required(f, key + ".user", e.user());
                Credential.AuthProtocol auth = e.auth() == null ? null
                        : enumValue(f, key + ".auth", e.auth(), Credential.AuthProtocol.class);
                Credential.PrivProtocol priv = e.priv() == null ? null
                        : enumValue(f, key + ".priv", e.priv(), Credential.PrivProtocol.class);
                if (priv != null && auth == null) throw new ConfigException(f, key + ".priv", "privacy needs an auth protocol");
                Secret authPassword = auth == null ? null : passphrase(f, key + ".authPassword", e.authPassword());
                Secret privPassword = priv == null ? null : passphrase(f, key + ".privPassword", e.privPassword());
                String engine = e.trapEngineId() == null ? null : e.trapEngineId().trim().toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
                if (engine != null && !engine.matches("([0-9a-f]{2}){5,32}")) {
                    throw new ConfigException(f, key + ".trapEngineId", "'" + e.trapEngineId() + "' is not an engine ID: 5 to 32 bytes in hex, e.g. 0x80001f8880…");
                }
                return new Credential.Usm(name, user, auth, authPassword, priv, privPassword, e.context(), engine);
            }
            default -> throw new ConfigException(f, key + ".version", "'" + e.version() + "' is not one of v1, v2c, v3");
        }
    }

    private static boolean sameKeys(Credential.Usm a, Credential.Usm b) {
        return a.auth() == b.auth() && a.priv() == b.priv() && java.util.Objects.equals(a.authPassword(), b.authPassword())
                && java.util.Objects.equals(a.privPassword(), b.privPassword());
    }

    private Secret passphrase(String f, String key, String raw) {
        Secret s = secret(f, key, required(f, key, raw));
        // RFC 3414 §11.2: pass phrases shorter than 8 octets are refused by agents.
        if (s.reveal().length() < 8) throw new ConfigException(f, key, "must be at least 8 characters (RFC 3414)");
        return s;
    }

    /** Resolves {@code ${ENV_VAR}} or {@code ${ENV_VAR:default}}; the value never appears in errors. */
    private Secret secret(String f, String key, String raw) {
        Matcher m = ENV.matcher(raw);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) value = m.group(2);
            if (value == null) throw new ConfigException(f, key, "environment variable " + m.group(1) + " is not set");
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return new Secret(b.toString());
    }

    // ---- profiles ----------------------------------------------------------------------

    Map<String, DeviceProfile> loadProfiles(Path dir) {
        if (!Files.isDirectory(dir)) throw new ConfigException(dir.toString(), "", "profiles folder not found");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(dir.toString(), "", "cannot be listed: " + e.getMessage());
        }
        Map<String, DeviceProfile> out = new LinkedHashMap<>();
        for (Path file : files) {
            DeviceProfile p = profile(file.toString(), YamlFiles.read(file, ProfileFile.class));
            if (out.containsKey(p.name())) throw new ConfigException(file.toString(), "name", "duplicate profile name '" + p.name() + "'");
            out.put(p.name(), p);
        }
        if (out.isEmpty()) throw new ConfigException(dir.toString(), "", "no profiles (*.yaml) found");
        return out;
    }

    DeviceProfile profile(String f, ProfileFile e) {
        String name = required(f, "name", e.name());
        Shape shape = enumValue(f, "shape", required(f, "shape", e.shape()), Shape.class);
        var s = e.snmp();
        SnmpOptions snmp = new SnmpOptions(
                s == null || s.bulk() == null ? shape == Shape.TABLE : s.bulk(),
                range(f, "snmp.maxRepetitions", s == null ? null : s.maxRepetitions(), 25, 1, 1000),
                range(f, "snmp.varbindsPerPdu", s == null ? null : s.varbindsPerPdu(), 20, 1, 200),
                // GEO round trips are 550-650 ms: timeouts are seconds, not hundreds of ms.
                Duration.ofMillis(range(f, "snmp.timeoutMs", s == null ? null : s.timeoutMs(), 3000, 100, 120_000)),
                range(f, "snmp.retries", s == null ? null : s.retries(), 1, 0, 10));
        if (e.metrics() == null || e.metrics().isEmpty()) throw new ConfigException(f, "metrics", "a profile needs at least one metric");
        List<Metric> metrics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < e.metrics().size(); i++) {
            Metric m = metric(f, "metrics[" + i + "]", e.metrics().get(i), shape);
            if (!names.add(m.name())) throw new ConfigException(f, "metrics[" + i + "].name", "duplicate metric '" + m.name() + "'");
            metrics.add(m);
        }
        var st = e.state();
        Map<String, Metric> byName = new HashMap<>();
        metrics.forEach(m -> byName.put(m.name(), m));
        StateRules rules = new StateRules(
                range(f, "state.downAfterMissedPolls", st == null ? null : st.downAfterMissedPolls(), 3, 1, 100),
                range(f, "state.enterAfter", st == null ? null : st.enterAfter(), 2, 1, 100),
                conditions(f, "state.down", st == null ? null : st.down(), byName),
                conditions(f, "state.degraded", st == null ? null : st.degraded(), byName));
        DeviceProfile.Signals signals = new DeviceProfile.Signals(
                signalMetric(f, "signals.esNo", e.signals() == null ? null : e.signals().esNo(), byName),
                signalMetric(f, "signals.rxLevel", e.signals() == null ? null : e.signals().rxLevel(), byName),
                signalMetric(f, "signals.uptime", e.signals() == null ? null : e.signals().uptime(), byName));
        DeviceProfile.IndexType index = e.index() == null ? DeviceProfile.IndexType.INTEGER
                : enumValue(f, "index", e.index(), DeviceProfile.IndexType.class);
        if (index != DeviceProfile.IndexType.INTEGER && shape != Shape.TABLE) throw new ConfigException(f, "index", "only a table profile has a row index");
        DeviceProfile.Interface iface = null;
        if (e.iface() != null) {
            if (shape != Shape.SCALAR) throw new ConfigException(f, "interface", "a table profile reads rows, not one interface");
            Object d = e.iface().descr();
            List<?> texts = d instanceof List<?> l ? l : d == null ? List.of() : List.of(d);
            if (texts.isEmpty()) throw new ConfigException(f, "interface.descr", "is required: a regular expression on ifDescr, or a list of them in order of preference");
            List<Pattern> patterns = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String key = d instanceof List<?> ? "interface.descr[" + i + "]" : "interface.descr";
                if (!(texts.get(i) instanceof String text) || text.isBlank()) throw new ConfigException(f, key, "needs a regular expression");
                try {
                    patterns.add(Pattern.compile(text));
                } catch (java.util.regex.PatternSyntaxException x) {
                    throw new ConfigException(f, key, "'" + text + "' is not a regular expression: " + x.getDescription());
                }
            }
            iface = new DeviceProfile.Interface(List.copyOf(patterns));
        }
        boolean perInterface = metrics.stream().anyMatch(Metric::perInterface);
        if (perInterface && iface == null) throw new ConfigException(f, "interface", "metrics read {ifIndex}: say how the interface is found (interface.descr)");
        if (iface != null && !perInterface) throw new ConfigException(f, "interface", "no metric reads {ifIndex}");
        List<String> neverWrite = new ArrayList<>();
        if (e.neverWrite() != null) {
            for (int i = 0; i < e.neverWrite().size(); i++) {
                String o = e.neverWrite().get(i);
                if (o == null || !OID.matcher(o).matches()) throw new ConfigException(f, "neverWrite[" + i + "]", "'" + o + "' is not a numeric OID");
                neverWrite.add(o.startsWith(".") ? o.substring(1) : o);
            }
        }
        for (int i = 0; i < metrics.size(); i++) {
            for (String w : neverWrite) {
                String o = metrics.get(i).oid();
                if (o.equals(w) || o.startsWith(w + ".")) {
                    throw new ConfigException(f, "metrics[" + i + "].oid", o + " is under neverWrite " + w + ": an object the service must not touch");
                }
            }
        }
        DeviceProfile.HubSide hub = DeviceProfile.HubSide.NONE;
        if (e.hub() != null) {
            if (shape != Shape.TABLE) throw new ConfigException(f, "hub", "only a hub's (table) profile says what the NMS tells of the hub");
            if (e.hub().metrics() == null || e.hub().metrics().isEmpty()) throw new ConfigException(f, "hub.metrics", "list the hub's columns");
            List<Metric> hubMetrics = new ArrayList<>();
            Map<String, Metric> hubByName = new HashMap<>();
            for (int i = 0; i < e.hub().metrics().size(); i++) {
                Metric m = metric(f, "hub.metrics[" + i + "]", e.hub().metrics().get(i), shape);
                if (hubByName.put(m.name(), m) != null) throw new ConfigException(f, "hub.metrics[" + i + "].name", "duplicate metric '" + m.name() + "'");
                hubMetrics.add(m);
            }
            List<Condition> hubDown = conditions(f, "hub.down", e.hub().down(), hubByName);
            if (hubDown.isEmpty()) throw new ConfigException(f, "hub.down", "say which rows mean the hub is out of service");
            hub = new DeviceProfile.HubSide(List.copyOf(hubMetrics), hubDown);
        }
        List<DeviceProfile.TrapRule> traps = traps(f, e.traps(), shape);
        for (int i = 0; i < traps.size(); i++) {
            DeviceProfile.TrapRule t = traps.get(i);
            boolean hubLevel = t.condition() == DeviceProfile.TrapCondition.HUB_OUTAGE || t.byValue() != null
                    && java.util.stream.Stream.concat(t.byValue().values().values().stream(), java.util.stream.Stream.of(t.byValue().otherwise()))
                    .anyMatch(x -> x.conditions().contains(DeviceProfile.TrapCondition.HUB_OUTAGE));
            if (hubLevel && shape != Shape.TABLE) throw new ConfigException(f, "traps[" + i + "].condition", "hub-outage belongs to a hub's (table) profile");
            if (hubLevel && t.rowVarbind() != null) throw new ConfigException(f, "traps[" + i + "].row", "a trap about the hub itself names no remote");
        }
        return new DeviceProfile(name, e.vendor(), e.description(), shape, snmp, List.copyOf(metrics), rules, signals,
                traps, index, iface, List.copyOf(neverWrite), hub);
    }

    private static String signalMetric(String f, String key, String metric, Map<String, Metric> metrics) {
        if (metric != null && !metrics.containsKey(metric)) {
            throw new ConfigException(f, key, "unknown metric '" + metric + "' (known: " + String.join(", ", metrics.keySet()) + ")");
        }
        return metric;
    }

    private List<DeviceProfile.TrapRule> traps(String f, List<ConfigFiles.TrapEntry> entries, Shape shape) {
        if (entries == null) return List.of();
        List<DeviceProfile.TrapRule> out = new ArrayList<>();
        Set<String> oids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String k = "traps[" + i + "]";
            ConfigFiles.TrapEntry e = entries.get(i);
            String oid = required(f, k + ".oid", e.oid());
            if (!OID.matcher(oid).matches()) throw new ConfigException(f, k + ".oid", "'" + oid + "' is not a numeric OID");
            if (oid.startsWith(".")) oid = oid.substring(1);
            if (!oids.add(oid)) throw new ConfigException(f, k + ".oid", "trap " + oid + " is mapped twice");
            var condition = e.condition() == null && (e.by() != null || "ignore".equals(e.action())) ? null
                    : enumValue(f, k + ".condition", required(f, k + ".condition", e.condition()), DeviceProfile.TrapCondition.class);
            if (e.by() != null && e.action() != null) throw new ConfigException(f, k + ".action", "give either action or by (the action read from a varbind), not both");
            var action = e.by() != null ? null : enumValue(f, k + ".action", required(f, k + ".action", e.action()), DeviceProfile.TrapAction.class);
            String row = e.row();
            if (row != null) {
                if (!OID.matcher(row).matches()) throw new ConfigException(f, k + ".row", "'" + row + "' is not a numeric OID");
                if (row.startsWith(".")) row = row.substring(1);
            }
            boolean aboutHub = condition == DeviceProfile.TrapCondition.HUB_OUTAGE || e.by() != null && e.by().values() != null
                    && e.by().values().values().stream().anyMatch(v -> v != null && v.contains("hub-outage"));
            if (shape == Shape.TABLE && row == null && !aboutHub && !"ignore".equals(e.action())) {
                throw new ConfigException(f, k + ".row", "a table profile's trap names the varbind that carries the remote's row index");
            }
            out.add(new DeviceProfile.TrapRule(oid, e.name() == null ? oid : e.name(), condition, action, row,
                    byValue(f, k + ".by", e.by(), condition), only(f, k + ".only", e.only()), meaning(f, k + ".meaning", e.meaning(), condition)));
        }
        return List.copyOf(out);
    }

    /** Effects of a varbind's value: {@code "raise"}, {@code "clear terminal-down terminal-degraded"}, {@code "raise terminal-down (demodulatorUnlocked)"}. */
    private DeviceProfile.TrapValueRule byValue(String f, String key, ConfigFiles.ByValueEntry e, DeviceProfile.TrapCondition condition) {
        if (e == null) return null;
        String varbind = required(f, key + ".varbind", e.varbind());
        if (varbind.equals("first")) varbind = null;
        else if (!OID.matcher(varbind).matches()) throw new ConfigException(f, key + ".varbind", "'" + varbind + "' is neither a numeric OID nor 'first'");
        else if (varbind.startsWith(".")) varbind = varbind.substring(1);
        if (e.values() == null || e.values().isEmpty()) throw new ConfigException(f, key + ".values", "list the codes and what each does");
        Map<Long, DeviceProfile.TrapEffect> values = new LinkedHashMap<>();
        for (var v : e.values().entrySet()) {
            long code;
            try { code = Long.parseLong(v.getKey().trim()); } catch (NumberFormatException x) {
                throw new ConfigException(f, key + ".values." + v.getKey(), "codes are integers");
            }
            values.put(code, effect(f, key + ".values." + v.getKey(), v.getValue(), condition));
        }
        DeviceProfile.TrapEffect otherwise = e.otherwise() == null
                ? new DeviceProfile.TrapEffect(DeviceProfile.TrapAction.IGNORE, List.of(), null)
                : effect(f, key + ".otherwise", e.otherwise(), condition);
        return new DeviceProfile.TrapValueRule(varbind, Map.copyOf(values), otherwise);
    }

    private static final Pattern EFFECT = Pattern.compile("\\s*(raise|clear|ignore)((?:\\s+[a-z-]+)*)\\s*(?:\\(([^)]*)\\))?\\s*");

    private DeviceProfile.TrapEffect effect(String f, String key, String text, DeviceProfile.TrapCondition condition) {
        var m = text == null ? null : EFFECT.matcher(text);
        if (m == null || !m.matches()) {
            throw new ConfigException(f, key, "'" + text + "' is not 'raise|clear|ignore [condition…] [(name)]'");
        }
        var action = DeviceProfile.TrapAction.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        List<DeviceProfile.TrapCondition> conditions = new ArrayList<>();
        for (String c : m.group(2).trim().split("\\s+")) {
            if (!c.isEmpty()) conditions.add(enumValue(f, key, c, DeviceProfile.TrapCondition.class));
        }
        if (conditions.isEmpty() && action != DeviceProfile.TrapAction.IGNORE) {
            if (condition == null) throw new ConfigException(f, key, "'" + text + "' names no condition and the trap has none");
            conditions.add(condition);
        }
        return new DeviceProfile.TrapEffect(action, List.copyOf(conditions), m.group(3) == null ? null : m.group(3).trim());
    }

    private DeviceProfile.TrapMeaning meaning(String f, String key, ConfigFiles.MeaningEntry e, DeviceProfile.TrapCondition condition) {
        if (e == null) return null;
        String varbind = required(f, key + ".varbind", e.varbind());
        if (!OID.matcher(varbind).matches()) throw new ConfigException(f, key + ".varbind", "'" + varbind + "' is not a numeric OID");
        if (e.objects() == null || e.objects().isEmpty()) throw new ConfigException(f, key + ".objects", "list the objects and what each is about");
        Map<String, DeviceProfile.TrapEffect> objects = new LinkedHashMap<>();
        for (var o : e.objects().entrySet()) {
            String oid = o.getKey().startsWith(".") ? o.getKey().substring(1) : o.getKey();
            if (!OID.matcher(oid).matches()) throw new ConfigException(f, key + ".objects." + o.getKey(), "'" + o.getKey() + "' is not a numeric OID");
            objects.put(oid, effect(f, key + ".objects." + o.getKey(), "raise " + o.getValue(), condition));
        }
        DeviceProfile.TrapEffect otherwise = effect(f, key + ".otherwise", "raise " + (e.otherwise() == null ? "" : e.otherwise()), condition);
        return new DeviceProfile.TrapMeaning(varbind.startsWith(".") ? varbind.substring(1) : varbind, Map.copyOf(objects), otherwise);
    }

    private DeviceProfile.TrapFilter only(String f, String key, ConfigFiles.OnlyEntry e) {
        if (e == null) return null;
        String varbind = required(f, key + ".varbind", e.varbind());
        if (!OID.matcher(varbind).matches()) throw new ConfigException(f, key + ".varbind", "'" + varbind + "' is not a numeric OID");
        if (varbind.startsWith(".")) varbind = varbind.substring(1);
        boolean sat = false;
        if (e.is() != null) {
            if (!e.is().equals("satellite-interface")) throw new ConfigException(f, key + ".is", "'" + e.is() + "' is not satellite-interface");
            sat = true;
        }
        if (sat == (e.values() != null)) throw new ConfigException(f, key, "give exactly one of values (codes) or is: satellite-interface");
        return new DeviceProfile.TrapFilter(varbind, e.values() == null ? List.of() : List.copyOf(e.values()), sat);
    }

    private Metric metric(String f, String key, MetricEntry e, Shape shape) {
        String name = required(f, key + ".name", e.name());
        String oid = required(f, key + ".oid", e.oid());
        boolean perInterface = oid.endsWith("." + DeviceProfile.Interface.PLACEHOLDER);
        String numeric = perInterface ? oid.substring(0, oid.length() - DeviceProfile.Interface.PLACEHOLDER.length() - 1) : oid;
        if (!OID.matcher(numeric).matches()) throw new ConfigException(f, key + ".oid", "'" + oid + "' is not a numeric OID");
        if (perInterface && shape != Shape.SCALAR) throw new ConfigException(f, key + ".oid", "{ifIndex} belongs to scalar profiles");
        if (oid.startsWith(".")) oid = oid.substring(1);
        ValueType type = enumValue(f, key + ".type", required(f, key + ".type", e.type()), ValueType.class);
        if (type == ValueType.ENUM && (e.values() == null || e.values().isEmpty())) {
            throw new ConfigException(f, key + ".values", "an enum metric lists its values (code: label)");
        }
        if (type != ValueType.ENUM && e.values() != null) throw new ConfigException(f, key + ".values", "only enum metrics have values");
        if (e.values() != null) {
            for (String code : e.values().keySet()) {
                try { Long.parseLong(code); } catch (NumberFormatException x) {
                    throw new ConfigException(f, key + ".values." + code, "enum codes are integers");
                }
            }
        }
        double scale = e.scale() == null ? 1.0 : e.scale();
        if (scale == 0 || Double.isNaN(scale)) throw new ConfigException(f, key + ".scale", "must be a non-zero number");
        if (e.saturated() != null) {
            for (var x : e.saturated().entrySet()) {
                if (x.getValue() == null || x.getValue().isNaN() || x.getValue().isInfinite()) {
                    throw new ConfigException(f, key + ".saturated." + x.getKey(), "needs the number the text stands for");
                }
            }
        }
        if (e.object() != null && !e.object().matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new ConfigException(f, key + ".object", "'" + e.object() + "' is not a MIB object name");
        }
        DeviceProfile.Source source = e.source() == null ? null : enumValue(f, key + ".source", e.source(), DeviceProfile.Source.class);
        return new Metric(name, oid, type, scale, e.unit(),
                e.values() == null ? Map.of() : new LinkedHashMap<>(e.values()),
                e.sentinels() == null ? Map.of() : new LinkedHashMap<>(e.sentinels()),
                e.saturated() == null ? Map.of() : new LinkedHashMap<>(e.saturated()), e.object(), source);
    }

    private List<Condition> conditions(String f, String key, List<ConditionEntry> entries, Map<String, Metric> metrics) {
        if (entries == null) return List.of();
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String k = key + "[" + i + "]";
            ConditionEntry e = entries.get(i);
            String metricName = required(f, k + ".metric", e.metric());
            Metric m = metrics.get(metricName);
            if (m == null) throw new ConfigException(f, k + ".metric", "unknown metric '" + metricName + "' (known: " + String.join(", ", metrics.keySet()) + ")");
            Op op = enumValue(f, k + ".op", required(f, k + ".op", e.op()), Op.class);
            Double number = null;
            List<String> labels = List.of();
            String than = e.than();
            if (than != null) {
                if (!metrics.containsKey(than)) throw new ConfigException(f, k + ".than", "unknown metric '" + than + "' (known: " + String.join(", ", metrics.keySet()) + ")");
                if (op != Op.LT && op != Op.LE && op != Op.GT && op != Op.GE) throw new ConfigException(f, k + ".than", "only lt, le, gt and ge compare two metrics");
                if (e.value() != null) throw new ConfigException(f, k + ".value", "give either value or than, not both");
            }
            switch (op) {
                case LT, LE, GT, GE -> { if (than == null) number = number(f, k + ".value", e.value()); }
                case EQ, NE -> {
                    if (e.value() instanceof Number n) number = n.doubleValue();
                    else labels = List.of(required(f, k + ".value", e.value() == null ? null : e.value().toString()));
                }
                case IN -> {
                    if (e.values() == null || e.values().isEmpty()) throw new ConfigException(f, k + ".values", "'in' needs a list of values");
                    labels = List.copyOf(e.values());
                }
                case SENTINEL -> labels = e.value() == null ? List.of() : List.of(e.value().toString());
                case INVALID -> { }
            }
            if (m.type() == ValueType.ENUM) {
                for (String label : labels) {
                    if (!m.enumValues().containsValue(label)) {
                        throw new ConfigException(f, k + ".value", "'" + label + "' is not a value of " + metricName + " " + m.enumValues().values());
                    }
                }
            }
            String reason = e.reason() != null ? e.reason() : metricName + " " + op.name().toLowerCase(Locale.ROOT)
                    + (than != null ? " " + than : number != null ? " " + number : labels.isEmpty() ? "" : " " + labels);
            out.add(new Condition(metricName, op, number, labels, reason, than));
        }
        return List.copyOf(out);
    }

    // ---- inventory ---------------------------------------------------------------------

    Inventory loadInventory(Path file, Map<String, DeviceProfile> profiles, Map<String, Credential> credentials) {
        String f = file.toString();
        InventoryFile inv = YamlFiles.read(file, InventoryFile.class);
        Ids ids = new Ids(f);

        List<Satellite> satellites = new ArrayList<>();
        each(inv.satellites(), (k, e) -> satellites.add(new Satellite(ids.add("satellites", "satellites" + k, e.id()), e.name(), e.longitude())));
        List<Beam> beams = new ArrayList<>();
        each(inv.beams(), (k, e) -> {
            String id = ids.add("beams", "beams" + k, e.id());
            ids.ref("satellites", "beams" + k + ".satellite", required(f, "beams" + k + ".satellite", e.satellite()));
            beams.add(new Beam(id, e.name(), e.satellite(), e.transponder()));
        });
        List<Region> regions = new ArrayList<>();
        each(inv.regions(), (k, e) -> {
            String id = ids.add("regions", "regions" + k, e.id());
            RegionLevel level = enumValue(f, "regions" + k + ".level", required(f, "regions" + k + ".level", e.level()), RegionLevel.class);
            if (level == RegionLevel.PROVINCE && e.parent() != null) throw new ConfigException(f, "regions" + k + ".parent", "a province has no parent");
            if (level != RegionLevel.PROVINCE && e.parent() == null) throw new ConfigException(f, "regions" + k + ".parent", "a " + level.name().toLowerCase(Locale.ROOT) + " needs a parent region");
            regions.add(new Region(id, e.name() == null ? id : e.name(), level, e.parent()));
        });
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).parent() != null) ids.ref("regions", "regions[" + i + "].parent", regions.get(i).parent());
        }
        List<Hub> hubs = new ArrayList<>();
        each(inv.hubs(), (k, e) -> {
            String key = "hubs" + k;
            String id = ids.add("hubs", key, e.id());
            ids.ref("regions", key + ".region", required(f, key + ".region", e.region()));
            List<String> hubBeams = e.beams() == null ? List.of() : List.copyOf(e.beams());
            for (int j = 0; j < hubBeams.size(); j++) ids.ref("beams", key + ".beams[" + j + "]", hubBeams.get(j));
            AgentAddress agent = null;
            if (e.agent() != null) {
                agent = address(f, key + ".agent", e.agent());
                DeviceProfile p = refProfile(f, key + ".profile", e.profile(), profiles);
                if (p.shape() != Shape.TABLE) throw new ConfigException(f, key + ".profile", "a hub agent needs a table profile; '" + p.name() + "' is scalar");
                refCredential(f, key + ".credential", e.credential(), credentials);
            } else if (e.profile() != null || e.credential() != null) {
                throw new ConfigException(f, key + ".agent", "profile and credential are given but no agent address");
            }
            hubs.add(new Hub(id, e.name() == null ? id : e.name(), e.region(), hubBeams, agent, e.profile(), e.credential()));
        });
        Map<String, Hub> hubById = new HashMap<>();
        hubs.forEach(h -> hubById.put(h.id(), h));
        List<Terminal> terminals = new ArrayList<>();
        Set<String> rows = new HashSet<>();
        // one agent address and port, one device: the poller and the trap receiver could not tell two apart
        Map<String, String> agents = new HashMap<>();
        for (Hub h : hubs) if (h.agent() != null) agents.putIfAbsent(h.agent().toString(), "hub " + h.id());
        each(inv.terminals(), (k, e) -> {
            String key = "terminals" + k;
            String id = ids.add("terminals", key, e.id());
            ids.ref("regions", key + ".region", required(f, key + ".region", e.region()));
            Hub hub = hubById.get(ids.ref("hubs", key + ".hub", required(f, key + ".hub", e.hub())));
            ids.ref("beams", key + ".beam", required(f, key + ".beam", e.beam()));
            double lat = coordinate(f, key + ".lat", e.lat(), 90);
            double lon = coordinate(f, key + ".lon", e.lon(), 180);
            AgentAddress agent = null;
            String row = null;
            String profile;
            String credential;
            if ((e.agent() == null) == (e.row() == null)) {
                throw new ConfigException(f, key, "terminal " + id + " needs exactly one of 'agent' (its own SNMP agent) or 'row' (a row in its hub's table)");
            }
            if (e.agent() != null) {
                agent = address(f, key + ".agent", e.agent());
                String other = agents.putIfAbsent(agent.toString(), "terminal " + id);
                if (other != null) throw new ConfigException(f, key + ".agent", "agent " + agent + " is already " + other + "'s; one agent address and port per device");
                DeviceProfile p = refProfile(f, key + ".profile", e.profile(), profiles);
                if (p.shape() != Shape.SCALAR) throw new ConfigException(f, key + ".profile", "'" + p.name() + "' is a table profile; a terminal with its own agent needs a scalar profile");
                refCredential(f, key + ".credential", e.credential(), credentials);
                profile = p.name();
                credential = e.credential();
            } else {
                row = e.row().toString();
                if (hub.agent() == null) throw new ConfigException(f, key + ".row", "hub " + hub.id() + " has no agent to answer for row " + row);
                if (profiles.get(hub.profile()).index() == DeviceProfile.IndexType.OCTET_STRING) {
                    if (!row.matches("[\\x21-\\x7e]{1,64}")) throw new ConfigException(f, key + ".row", "'" + row + "' is not a string index (1 to 64 printable characters, no space)");
                } else if (!row.matches("\\d+(\\.\\d+)*")) {
                    throw new ConfigException(f, key + ".row", "'" + row + "' is not a table index (digits, dot-separated)");
                }
                if (e.profile() != null && !e.profile().equals(hub.profile())) {
                    throw new ConfigException(f, key + ".profile", "a table row is read with its hub's profile '" + hub.profile() + "'");
                }
                if (e.credential() != null) throw new ConfigException(f, key + ".credential", "a table row uses its hub's credential");
                if (!rows.add(hub.id() + "/" + row)) throw new ConfigException(f, key + ".row", "row " + row + " of hub " + hub.id() + " is already used");
                profile = hub.profile();
                credential = hub.credential();
            }
            terminals.add(new Terminal(id, e.name() == null ? id : e.name(), e.region(), hub.id(), e.beam(),
                    lat, lon, Boolean.TRUE.equals(e.critical()), profile, credential, agent, row));
        });
        return new Inventory(satellites, beams, regions, hubs, terminals, profiles, credentials);
    }

    private static DeviceProfile refProfile(String f, String key, String name, Map<String, DeviceProfile> profiles) {
        DeviceProfile p = profiles.get(required(f, key, name));
        if (p == null) throw new ConfigException(f, key, "unknown profile '" + name + "' (known: " + String.join(", ", profiles.keySet()) + ")");
        return p;
    }

    private static void refCredential(String f, String key, String name, Map<String, Credential> credentials) {
        if (!credentials.containsKey(required(f, key, name))) {
            throw new ConfigException(f, key, "unknown credential '" + name + "' (known: " + String.join(", ", credentials.keySet()) + ")");
        }
    }

    /** Ids per kind, for duplicates and dangling references. */
    private static final class Ids {
        private final String file;
        private final Map<String, Set<String>> byKind = new HashMap<>();

        Ids(String file) { this.file = file; }

        String add(String kind, String key, String id) {
            required(file, key + ".id", id);
            if (!byKind.computeIfAbsent(kind, k -> new HashSet<>()).add(id)) {
                throw new ConfigException(file, key + ".id", "duplicate id '" + id + "' in " + kind);
            }
            return id;
        }

        String ref(String kind, String key, String id) {
            if (!byKind.getOrDefault(kind, Set.of()).contains(id)) {
                throw new ConfigException(file, key, "'" + id + "' is not a known id in " + kind);
            }
            return id;
        }
    }

    private interface IndexedConsumer<T> { void accept(String indexKey, T item); }

    private static <T> void each(List<T> items, IndexedConsumer<T> c) {
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) c.accept("[" + i + "]", items.get(i));
    }

    // ---- small readers -------------------------------------------------------------------

    private static String required(String f, String key, String value) {
        if (value == null || value.isBlank()) throw new ConfigException(f, key, "is required");
        return value;
    }

    private static int range(String f, String key, Integer value, int dflt, int min, int max) {
        int v = value == null ? dflt : value;
        if (v < min || v > max) throw new ConfigException(f, key, v + " is out of " + min + ".." + max);
        return v;
    }

    private static double coordinate(String f, String key, Double value, double limit) {
        if (value == null) throw new ConfigException(f, key, "is required");
        if (Math.abs(value) > limit) throw new ConfigException(f, key, value + " is out of -" + limit + ".." + limit);
        return value;
    }

    private static double number(String f, String key, Object value) {
        if (value instanceof Number n) return n.doubleValue();
        throw new ConfigException(f, key, "needs a number, got '" + value + "'");
    }

    private static AgentAddress address(String f, String key, String text) {
        try {
            return AgentAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f, key, e.getMessage());
        }
    }

    static <E extends Enum<E>> E enumValue(String f, String key, String text, Class<E> type) {
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(norm)) return e;
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        throw new ConfigException(f, key, "'" + text + "' is not one of " + String.join(", ", allowed));
    }
}
