package org.emcomm.vsat.polling;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.DeviceProfile.Metric;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Hub;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.Sample.PollStatus;
import org.emcomm.vsat.snmp.SnmpClient;
import org.emcomm.vsat.snmp.SnmpResponse;
import org.emcomm.vsat.snmp.SnmpTarget;
import org.emcomm.vsat.snmp.SnmpValue;
import org.emcomm.vsat.snmp.TableWalker;
import org.emcomm.vsat.snmp.Varbind;

/**
 * Polls a set of terminals once and hands each {@link Sample} to the sink as it arrives.
 * Terminals with their own agent get multi-varbind GETs (split per the profile's
 * varbinds-per-PDU); remotes behind a hub agent are read from its tables, by a GETBULK walk
 * when many rows are wanted, by GETs of their rows when only a few are.
 */
public final class PollEngine {
    /** Below this many varbinds, reading rows directly beats walking the whole table. */
    static final int DIRECT_ROW_LIMIT = 200;
    /** Tries-1 of a poll that confirms a missed one (docs/configuration.md, emcomm.polling.confirm-retries). */
    public static final int DEFAULT_CONFIRM_RETRIES = 5;

    private final Inventory inventory;
    private final SnmpClient client;
    private final Clock clock;
    private final Consumer<Sample> sink;
    private final Map<String, SnmpTarget> targets = new HashMap<>();
    /** Terminals whose last poll went unanswered (by their own agent or their hub's): the next request for them confirms
     * with more tries, so on a lossy link a few lost datagrams are not taken for an outage. Kept per terminal, as the
     * missed-poll count of their state is: a hub table read for several remotes confirms when any of them is in doubt. */
    private final java.util.Set<String> inDoubt = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Own-agent terminals whose last answer came later than one try's timeout, with that answer's time. They stay in
     * doubt, so a slow agent is not polled miss, answer, miss, answer (each miss undoing the answers' hysteresis), and
     * their confirming tries wait {@link #SLOW_WAIT_FACTOR} × that time, at most {@link #SLOW_WAIT_CAP} × the timeout. */
    private final Map<String, Duration> slowAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    static final int SLOW_WAIT_FACTOR = 2;
    static final int SLOW_WAIT_CAP = 4;
    private volatile int confirmRetries = DEFAULT_CONFIRM_RETRIES;
    private final Duration timeoutOverride;
    /** Where what a hub's NMS says of the hub itself goes (the profile's hub columns, read with its remotes' tables). */
    private volatile Consumer<HubReading> hubSink;
    /** Per scalar profile: its metric OIDs split into requests of varbinds-per-PDU. */
    private final Map<String, List<List<String>>> requestOids = new java.util.concurrent.ConcurrentHashMap<>();

    public PollEngine(Inventory inventory, SnmpClient client, Clock clock, Consumer<Sample> sink) {
        this(inventory, client, clock, sink, null);
    }

    /** {@code timeoutOverride}, when not null, replaces every profile's timeout (tests). */
    public PollEngine(Inventory inventory, SnmpClient client, Clock clock, Consumer<Sample> sink, Duration timeoutOverride) {
        this.timeoutOverride = timeoutOverride;
        this.inventory = inventory;
        this.client = client;
        this.clock = clock;
        this.sink = sink;
        for (DeviceProfile p : inventory.profiles().values()) {
            if (p.iface() == null) requestOids.put(p.name(), chunks(p, null)); // an interface's OIDs wait for its ifIndex
        }
        for (Terminal t : inventory.terminals()) {
            if (!t.viaHub()) targets.put(t.id(), target(t.agent(), t.credential(), inventory.profile(t.profile())));
        }
        for (Hub h : inventory.hubs()) {
            if (h.agent() != null) targets.put("hub:" + h.id(), target(h.agent(), h.credential(), inventory.profile(h.profile())));
        }
    }

    private SnmpTarget target(org.emcomm.vsat.inventory.AgentAddress address, String credential, DeviceProfile p) {
        return new SnmpTarget(address, inventory.credential(credential),
                timeoutOverride != null ? timeoutOverride : p.snmp().timeout(), p.snmp().retries());
    }

    public Inventory inventory() { return inventory; }

    /** Hands every read of a hub's own columns (profile {@code hub:}) to {@code sink}. */
    public PollEngine onHubReading(Consumer<HubReading> sink) {
        this.hubSink = sink;
        return this;
    }

    /** Retries of a poll that follows an unanswered one (at least the profile's own). */
    public PollEngine confirmRetries(int retries) {
        if (retries < 0 || retries > 20) throw new IllegalArgumentException("emcomm.polling.confirm-retries: must be 0..20, not " + retries);
        this.confirmRetries = retries;
        return this;
    }

    /** The target of this agent, with the confirming retries when {@code confirm}, and a slow agent's longer tries. */
    private SnmpTarget target(String key, boolean confirm) {
        SnmpTarget t = targets.get(key);
        if (t == null || !confirm) return t;
        Duration timeout = t.timeout();
        Duration slow = slowAnswers.get(key);
        // longer than the timeout either way: a slow answer is one that took longer than a try
        if (slow != null) timeout = min(slow.multipliedBy(SLOW_WAIT_FACTOR), timeout.multipliedBy(SLOW_WAIT_CAP));
        int retries = Math.max(t.retries(), confirmRetries);
        if (retries == t.retries() && timeout.equals(t.timeout())) return t;
        return new SnmpTarget(t.address(), t.credential(), timeout, retries);
    }

    /** Remembers whether this sample's poll went unanswered (the same polls the state machine counts as missed), or
     * was answered by an own agent later than one try's timeout. */
    private void note(Sample s) {
        String id = s.terminalId();
        switch (s.status()) {
            case ANSWERED -> {
                SnmpTarget own = targets.get(id);
                Duration took = Duration.ofNanos(s.latencyMicros() * 1000);
                if (own != null && took.compareTo(own.timeout()) > 0) {
                    slowAnswers.put(id, took);
                    inDoubt.add(id);
                } else {
                    slowAnswers.remove(id);
                    inDoubt.remove(id);
                }
            }
            case TIMEOUT, NO_ROW, PARENT_UNREACHABLE -> inDoubt.add(id);
            default -> { }
        }
    }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }

    /** Is this terminal's next poll a confirming one? (tests) */
    boolean inDoubt(String terminalId) { return inDoubt.contains(terminalId); }

    /** Polls these terminals once; completes when every one has a sample. */
    public CompletableFuture<CycleReport> poll(Collection<Terminal> terminals) {
        return poll(terminals, s -> { });
    }

    /** As {@link #poll(Collection)}, handing each sample to {@code also} after the sink. */
    public CompletableFuture<CycleReport> poll(Collection<Terminal> terminals, Consumer<Sample> also) {
        long start = System.nanoTime();
        var startedAt = clock.instant();
        Map<PollStatus, Integer> byStatus = new EnumMap<>(PollStatus.class);
        AtomicLong requests = new AtomicLong();
        Consumer<Sample> counting = s -> {
            synchronized (byStatus) { byStatus.merge(s.status(), 1, Integer::sum); }
            note(s);
            sink.accept(s);
            also.accept(s);
        };
        List<CompletableFuture<?>> all = new ArrayList<>();
        Map<String, List<Terminal>> byHub = new LinkedHashMap<>();
        for (Terminal t : terminals) {
            if (t.viaHub()) byHub.computeIfAbsent(t.hub(), h -> new ArrayList<>()).add(t);
            else all.add(pollAgent(t, counting, requests));
        }
        byHub.forEach((hubId, remotes) -> all.add(pollHubTable(inventory.hub(hubId), remotes, counting, requests)
                .thenCompose(answered -> answered ? readHubSide(inventory.hub(hubId), requests) : CompletableFuture.completedFuture(null))));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<PollStatus, Integer> copy;
            synchronized (byStatus) { copy = new EnumMap<>(byStatus); }
            return new CycleReport(startedAt, (System.nanoTime() - start) / 1_000_000, terminals.size(), copy, requests.get());
        });
    }

    private CompletableFuture<Void> pollAgent(Terminal t, Consumer<Sample> out, AtomicLong requests) {
        DeviceProfile p = inventory.profile(t.profile());
        SnmpTarget target = target(t.id(), inDoubt.contains(t.id()));
        if (p.iface() == null) return getMetrics(t, p, target, requestOids.get(p.name()), null, out, requests);
        Integer known = inventory.satelliteInterfaces().of(t.id());
        if (known != null) return getMetrics(t, p, target, interfaceOids(p, known), known, out, requests);
        // the satellite interface is found by ifDescr: ifIndex 1 is often the LAN port
        return TableWalker.walk(client, target, List.of(DeviceProfile.Interface.IF_DESCR), p.snmp().bulk(), p.snmp().maxRepetitions()).thenCompose(w -> {
            requests.addAndGet(w.requests());
            if (!w.ok()) {
                out.accept(new Sample(t.id(), clock.instant(), status(w.outcome()), Map.of(), 0, w.detail()));
                return CompletableFuture.completedFuture(null);
            }
            Map<String, SnmpValue> descr = w.columns().get(DeviceProfile.Interface.IF_DESCR);
            Integer found = null;
            for (java.util.regex.Pattern pattern : p.iface().descr()) {
                for (var e : descr.entrySet()) {
                    if (!e.getKey().matches("\\d+") || e.getValue().syntax().isException()) continue;
                    if (pattern.matcher(e.getValue().text()).find()) {
                        found = Integer.valueOf(e.getKey());
                        break;
                    }
                }
                if (found != null) break;
            }
            if (found == null) {
                List<String> seen = descr.values().stream().map(v -> v.text().length() > 40 ? v.text().substring(0, 40) : v.text()).limit(12).toList();
                out.accept(new Sample(t.id(), clock.instant(), PollStatus.AGENT_ERROR, Map.of(), 0,
                        "no interface's ifDescr matches " + p.iface().descr().stream().map(x -> "/" + x.pattern() + "/").toList() + " (the agent has " + seen + ")"));
                return CompletableFuture.completedFuture(null);
            }
            inventory.satelliteInterfaces().found(t.id(), found);
            return getMetrics(t, p, target, interfaceOids(p, found), found, out, requests);
        });
    }

    /** The profile's metric OIDs for this interface, split into requests of varbinds-per-PDU (made once per interface). */
    private List<List<String>> interfaceOids(DeviceProfile p, int ifIndex) {
        return requestOids.computeIfAbsent(p.name() + "#" + ifIndex, k -> chunks(p, ifIndex));
    }

    private static List<List<String>> chunks(DeviceProfile p, Integer ifIndex) {
        List<List<String>> chunks = new ArrayList<>();
        int per = p.snmp().varbindsPerPdu();
        for (int i = 0; i < p.metrics().size(); i += per) {
            chunks.add(p.metrics().subList(i, Math.min(p.metrics().size(), i + per)).stream().map(m -> m.oid(ifIndex)).toList());
        }
        return List.copyOf(chunks);
    }

    private CompletableFuture<Void> getMetrics(Terminal t, DeviceProfile p, SnmpTarget target, List<List<String>> requestOids,
                                               Integer ifIndex, Consumer<Sample> out, AtomicLong requests) {
        List<Metric> metrics = p.metrics();
        int per = p.snmp().varbindsPerPdu();
        List<CompletableFuture<SnmpResponse>> parts = new ArrayList<>();
        for (List<String> oids : requestOids) {
            requests.incrementAndGet();
            parts.add(client.get(target, oids));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenAccept(v -> {
            Map<String, MetricValue> values = new LinkedHashMap<>();
            long latency = 0;
            boolean interfaceAnswered = false;
            for (int part = 0; part < parts.size(); part++) {
                SnmpResponse r = parts.get(part).join();
                latency = Math.max(latency, r.latencyMicros());
                if (!r.ok()) {
                    out.accept(new Sample(t.id(), clock.instant(), status(r.outcome()), Map.of(), latency, r.detail()));
                    return;
                }
                List<Varbind> vbs = r.varbinds();
                Map<String, SnmpValue> byOid = null; // only when the agent answered out of order
                List<Metric> asked = metrics.subList(part * per, Math.min(metrics.size(), (part + 1) * per));
                for (int i = 0; i < asked.size(); i++) {
                    Metric m = asked.get(i);
                    String oid = m.oid(ifIndex);
                    SnmpValue value;
                    if (i < vbs.size() && vbs.get(i).oid().equals(oid)) {
                        value = vbs.get(i).value();
                    } else {
                        if (byOid == null) {
                            byOid = new HashMap<>();
                            for (Varbind vb : vbs) byOid.put(vb.oid(), vb.value());
                        }
                        value = byOid.get(oid);
                    }
                    if (m.perInterface() && value != null && !value.syntax().isException()) interfaceAnswered = true;
                    values.put(m.name(), ValueDecoder.decode(m, value));
                }
            }
            // no object of the interface answered: it went away (renumbered at a reboot), find it again next poll
            if (ifIndex != null && !interfaceAnswered) inventory.satelliteInterfaces().forget(t.id());
            out.accept(new Sample(t.id(), clock.instant(), PollStatus.ANSWERED, values, latency, null));
        });
    }

    /** Reads the hub's own columns (every row: chassis, protocol processors) after an answered read of its remotes. */
    private CompletableFuture<Void> readHubSide(Hub hub, AtomicLong requests) {
        DeviceProfile p = inventory.profile(hub.profile());
        if (p.hub().metrics().isEmpty() || hubSink == null) return CompletableFuture.completedFuture(null); // nobody to tell
        List<String> columns = p.hub().metrics().stream().map(Metric::oid).toList();
        return TableWalker.walk(client, target("hub:" + hub.id(), false), columns, p.snmp().bulk(), p.snmp().maxRepetitions()).thenAccept(w -> {
            requests.addAndGet(w.requests());
            if (!w.ok()) return; // the hub agent's silence is told by its remotes' reads
            Map<String, Map<String, MetricValue>> rows = new java.util.TreeMap<>();
            for (Metric m : p.hub().metrics()) {
                w.columns().getOrDefault(m.oid(), Map.of()).forEach((row, v) ->
                        rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(m.name(), ValueDecoder.decode(m, v)));
            }
            hubSink.accept(new HubReading(hub.id(), clock.instant(), rows));
        });
    }

    /** Polls these remotes in their hub's tables; completes with whether the hub agent answered. */
    private CompletableFuture<Boolean> pollHubTable(Hub hub, List<Terminal> remotes, Consumer<Sample> out, AtomicLong requests) {
        DeviceProfile p = inventory.profile(hub.profile());
        SnmpTarget target = target("hub:" + hub.id(), remotes.stream().anyMatch(r -> inDoubt.contains(r.id())));
        List<String> columns = p.metrics().stream().map(Metric::oid).toList();
        long start = System.nanoTime();
        CompletableFuture<Map<String, Map<String, SnmpValue>>> table;
        CompletableFuture<String> failure = new CompletableFuture<>();
        if (remotes.size() * columns.size() <= DIRECT_ROW_LIMIT) {
            table = readRows(target, p, columns, remotes, requests, failure);
        } else {
            table = TableWalker.walk(client, target, columns, p.snmp().bulk(), p.snmp().maxRepetitions()).thenApply(w -> {
                requests.addAndGet(w.requests());
                if (!w.ok()) failure.complete(w.outcome() + ": " + w.detail());
                return w.ok() ? w.columns() : null;
            });
        }
        return table.thenApply(cols -> {
            long latency = (System.nanoTime() - start) / 1000;
            var now = clock.instant();
            if (cols == null) {
                String why = "hub " + hub.id() + " agent " + hub.agent() + " did not answer (" + failure.getNow("unknown") + ")";
                for (Terminal t : remotes) out.accept(new Sample(t.id(), now, PollStatus.PARENT_UNREACHABLE, Map.of(), latency, why));
                return false;
            }
            for (Terminal t : remotes) {
                Map<String, MetricValue> values = new LinkedHashMap<>();
                boolean any = false;
                String suffix = p.rowSuffix(t.row());
                for (Metric m : p.metrics()) {
                    SnmpValue v = cols.getOrDefault(m.oid(), Map.of()).get(suffix);
                    if (v == null) continue; // not in what came back (a part of the read lost on the way): no value, not a bad one
                    if (!v.syntax().isException()) any = true;
                    values.put(m.name(), ValueDecoder.decode(m, v));
                }
                if (any) out.accept(new Sample(t.id(), now, PollStatus.ANSWERED, values, latency, null));
                else out.accept(new Sample(t.id(), now, PollStatus.NO_ROW, Map.of(), latency,
                        "hub " + hub.id() + " has no row " + t.row()));
            }
            return true;
        });
    }

    /** GETs of column.row for a few remotes; null when the hub agent did not answer. */
    private CompletableFuture<Map<String, Map<String, SnmpValue>>> readRows(
            SnmpTarget target, DeviceProfile p, List<String> columns, List<Terminal> remotes,
            AtomicLong requests, CompletableFuture<String> failure) {
        List<String> oids = new ArrayList<>();
        for (Terminal t : remotes) for (String c : columns) oids.add(c + "." + p.rowSuffix(t.row()));
        int per = p.snmp().varbindsPerPdu();
        List<CompletableFuture<SnmpResponse>> parts = new ArrayList<>();
        for (int i = 0; i < oids.size(); i += per) {
            requests.incrementAndGet();
            parts.add(client.get(target, oids.subList(i, Math.min(oids.size(), i + per))));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Map<String, SnmpValue>> cols = new HashMap<>();
            for (String c : columns) cols.put(c, new HashMap<>());
            boolean answered = false;
            for (CompletableFuture<SnmpResponse> f : parts) {
                SnmpResponse r = f.join();
                if (!r.ok()) {
                    failure.complete(r.outcome() + ": " + r.detail());
                    continue;
                }
                answered = true;
                for (Varbind vb : r.varbinds()) {
                    for (String c : columns) {
                        if (vb.oid().startsWith(c + ".")) cols.get(c).put(vb.oid().substring(c.length() + 1), vb.value());
                    }
                }
            }
            return answered ? cols : null;
        });
    }

    private static PollStatus status(SnmpResponse.Outcome o) {
        return switch (o) {
            case OK -> PollStatus.ANSWERED;
            case TIMEOUT, SEND_FAILED -> PollStatus.TIMEOUT;
            case AGENT_ERROR -> PollStatus.AGENT_ERROR;
            case AUTH_FAILURE -> PollStatus.AUTH_FAILURE;
        };
    }
}
