package org.emcomm.vsat.snmp;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.emcomm.vsat.inventory.Credential;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.MessageDispatcherImpl;

/**
 * snmp4j behind {@link SnmpClient}: one UDP transport, asynchronous requests, a bounded
 * in-flight window with a lock-free queue, and every request cancelled in its listener so no
 * pending request is left behind.
 *
 * <p>snmp4j's one listener thread only reads and decodes datagrams: each answer is handed to a
 * results thread, which turns it into our values and completes the request's future, so whatever
 * the caller chained on it (state, rules, records) runs there, beside the listener instead of
 * behind it. A request keeps its window slot until that is done: when processing falls behind,
 * fewer requests go out rather than answers piling up (docs/performance.md).
 */
public final class Snmp4jClient implements SnmpClient {
    private static final OID NOT_IN_TIME_WINDOW = new OID("1.3.6.1.6.3.15.1.1.2.0");
    private static final OID UNKNOWN_ENGINE_ID = new OID("1.3.6.1.6.3.15.1.1.4.0");

    private final Snmp snmp;
    private final MPv3 mpv3;
    private final USM usm;
    private final int window;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Listener listener = new Listener();
    /** Resolved once per agent: a host name must not cost a DNS lookup per request on the
     * listener thread. */
    private final java.util.Map<org.emcomm.vsat.inventory.AgentAddress, UdpAddress> addresses = new java.util.concurrent.ConcurrentHashMap<>();
    /** snmp4j discovers a v3 engine ID synchronously inside send(); that must never run on
     * its own listener thread (it would wait for an answer only that thread can read). */
    private final ExecutorService discovery = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "snmp-v3-discovery");
        t.setDaemon(true);
        return t;
    });
    /** Where answers are converted and futures completed (see the class comment). */
    private final ExecutorService results = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snmp-results");
        t.setDaemon(true);
        return t;
    });
    /** Parsed OIDs and built community targets, so a poll does not parse ten dotted strings and build a target
     * per request. Bounded: past the bound (walk cursors, a reloaded inventory) they are built each time. */
    private static final int CACHE_BOUND = 200_000;
    private final java.util.Map<String, OID> oidCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<SnmpTarget, Target<UdpAddress>> targetCache = new java.util.concurrent.ConcurrentHashMap<>();

    public Snmp4jClient(Collection<Credential> credentials, int window, int receiveBufferBytes) {
        this(credentials, window, receiveBufferBytes, "0.0.0.0");
    }

    /** {@code sourceAddress}: the local address requests are sent from (0.0.0.0: the system's choice). */
    public Snmp4jClient(Collection<Credential> credentials, int window, int receiveBufferBytes, String sourceAddress) {
        this.window = window;
        try {
            SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
            UsmProtocols.register(protocols, credentials);
            usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            SecurityModels models = new SecurityModels();
            models.addSecurityModel(usm);
            mpv3 = new MPv3(usm.getLocalEngineID().getValue(), null, protocols, models, org.snmp4j.mp.CounterSupport.getInstance());
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv1());
            dispatcher.addMessageProcessingModel(new MPv2c());
            dispatcher.addMessageProcessingModel(mpv3);
            DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(sourceAddress + "/0"));
            transport.setReceiveBufferSize(receiveBufferBytes);
            // The dispatcher decodes each datagram on the listener thread before the next is read, so one
            // receive buffer serves them all; left on, snmp4j allocates a fresh 64 KiB buffer per datagram.
            transport.setAsyncMsgProcessingSupported(false);
            transport.setThreadName("snmp-listener");
            snmp = new Snmp(dispatcher, transport);
            for (Credential c : credentials) {
                if (c instanceof Credential.Usm u) usm.addUser(UsmProtocols.user(u));
            }
            snmp.listen();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the SNMP socket: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<SnmpResponse> get(SnmpTarget target, List<String> oids) {
        return submit(new Request(target, oids, PDU.GET, 0));
    }

    @Override
    public CompletableFuture<SnmpResponse> next(SnmpTarget target, List<String> oids, boolean bulk, int maxRepetitions) {
        boolean v1 = target.credential() instanceof Credential.Community c && c.version() == Credential.SnmpVersion.V1;
        return submit(new Request(target, oids, bulk && !v1 ? PDU.GETBULK : PDU.GETNEXT, maxRepetitions));
    }

    private CompletableFuture<SnmpResponse> submit(Request r) {
        queued.incrementAndGet();
        queue.add(r);
        drain();
        return r.future;
    }

    private void drain() {
        while (true) {
            int n = inFlight.get();
            if (n >= window) return;
            if (!inFlight.compareAndSet(n, n + 1)) continue;
            Request r = queue.poll();
            if (r == null) {
                inFlight.decrementAndGet();
                if (queue.isEmpty()) return;
                continue;
            }
            queued.decrementAndGet();
            send(r);
        }
    }

    private void send(Request r) {
        r.startNanos = System.nanoTime();
        Target<UdpAddress> target = target(r.target);
        if (target instanceof UserTarget<UdpAddress> && mpv3.getEngineID(target.getAddress()) == null) {
            discovery.execute(() -> doSend(r, target));
        } else {
            doSend(r, target);
        }
    }

    private void doSend(Request r, Target<UdpAddress> target) {
        PDU pdu = target instanceof UserTarget<UdpAddress> ? scoped(r) : new PDU();
        pdu.setType(r.type);
        for (String oid : r.oids) pdu.add(new VariableBinding(oid(oid)));
        if (r.type == PDU.GETBULK) {
            pdu.setNonRepeaters(0);
            pdu.setMaxRepetitions(r.maxRepetitions);
        }
        try {
            sent.incrementAndGet();
            snmp.send(pdu, target, r, listener);
        } catch (IOException | RuntimeException e) {
            finish(r, SnmpResponse.failed(SnmpResponse.Outcome.SEND_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), r.micros()));
        }
    }

    private static ScopedPDU scoped(Request r) {
        ScopedPDU pdu = new ScopedPDU();
        if (r.target.credential() instanceof Credential.Usm u && u.contextName() != null) {
            pdu.setContextName(new OctetString(u.contextName()));
        }
        return pdu;
    }

    private final class Listener implements ResponseListener {
        @Override
        public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
            // Always cancel: otherwise snmp4j keeps the request (and its timer) until it expires.
            ((Snmp) event.getSource()).cancel(event.getRequest(), this);
            Request r = (Request) event.getUserObject();
            try {
                results.execute(() -> answer(r, event));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                finish(r, SnmpResponse.failed(SnmpResponse.Outcome.SEND_FAILED, "client closed", r.micros()));
            }
        }
    }

    private void answer(Request r, ResponseEvent<?> event) {
        PDU response = event.getResponse();
        if (response == null) {
            if (event.getError() != null) {
                finish(r, SnmpResponse.failed(SnmpResponse.Outcome.SEND_FAILED, event.getError().toString(), r.micros()));
            } else {
                // A modem replaced or reset at this address has a new engine ID; its
                // unknownEngineIDs report carries that new ID, which snmp4j discards
                // (RFC 3412 §7.2.11). Forget what we knew so the next poll rediscovers.
                if (r.target.credential() instanceof Credential.Usm) forgetEngine(r.target);
                finish(r, SnmpResponse.failed(SnmpResponse.Outcome.TIMEOUT, "no answer after " + (r.target.retries() + 1) + " tries", r.micros()));
            }
            return;
        }
        if (response.getType() == PDU.REPORT) {
            onReport(r, response, event.getPeerAddress());
            return;
        }
        if (response.getErrorStatus() != 0) {
            finish(r, SnmpResponse.failed(SnmpResponse.Outcome.AGENT_ERROR,
                    response.getErrorStatusText() + " at index " + response.getErrorIndex(), r.micros()));
            return;
        }
        List<? extends VariableBinding> vbs = response.getVariableBindings();
        List<Varbind> out = new ArrayList<>(vbs.size());
        for (int i = 0; i < vbs.size(); i++) {
            VariableBinding vb = vbs.get(i);
            // A GET's answer names the OIDs asked, in order: reuse the request's string instead of printing the OID.
            String asked = r.type == PDU.GET && i < r.oids.size() ? r.oids.get(i) : null;
            String oid = asked != null && vb.getOid().equals(oid(asked)) ? asked : vb.getOid().toDottedString();
            out.add(new Varbind(oid, Snmp4jValues.value(vb.getVariable())));
        }
        finish(r, new SnmpResponse(SnmpResponse.Outcome.OK, out, null, r.micros()));
    }

    /** An agent that rebooted and lost engineBoots, or got a new engine ID, answers with a
     * report: forget what we knew of it, rediscover and try once more, never mark it down. */
    private void onReport(Request r, PDU report, org.snmp4j.smi.Address peer) {
        OID oid = report.size() > 0 ? report.get(0).getOid() : null;
        if ((NOT_IN_TIME_WINDOW.equals(oid) || UNKNOWN_ENGINE_ID.equals(oid)) && !r.resynced) {
            r.resynced = true;
            forgetEngine(r.target);
            Log.debugf("SNMPv3 resync with %s after report %s", r.target.address(), oid);
            Target<UdpAddress> target = target(r.target);
            discovery.execute(() -> doSend(r, target));
            return;
        }
        finish(r, SnmpResponse.failed(SnmpResponse.Outcome.AUTH_FAILURE, "SNMPv3 report " + Snmp4jValues.reportName(oid), r.micros()));
    }

    private void forgetEngine(SnmpTarget t) {
        OctetString engineId = mpv3.removeEngineID(udp(t.address()));
        if (engineId != null) usm.removeEngineTime(engineId);
    }

    private void finish(Request r, SnmpResponse response) {
        // snmp4j can report one request twice when its answer races its timeout: the window
        // slot must be given back exactly once.
        if (!r.finished.compareAndSet(false, true)) return;
        switch (response.outcome()) {
            case OK -> answered.incrementAndGet();
            case TIMEOUT -> timeouts.incrementAndGet();
            default -> failures.incrementAndGet();
        }
        try {
            r.future.complete(response); // runs what the caller chained on it, holding the window slot
        } finally {
            inFlight.decrementAndGet();
            drain();
        }
    }

    private UdpAddress udp(org.emcomm.vsat.inventory.AgentAddress a) {
        return addresses.computeIfAbsent(a, k -> new UdpAddress(k.host() + "/" + k.port()));
    }

    private OID oid(String dotted) {
        OID o = oidCache.get(dotted);
        if (o == null) {
            o = new OID(dotted);
            if (oidCache.size() < CACHE_BOUND) oidCache.put(dotted, o);
        }
        return o; // VariableBinding copies it, so the cached one is never changed
    }

    /** snmp4j only reads a community target, so one per {@link SnmpTarget} serves every request to it. A v3 target
     * is built each time: snmp4j writes the engine it discovered into it, and a replaced agent's new engine must
     * be rediscovered (V3RediscoveryTest). */
    private Target<UdpAddress> target(SnmpTarget t) {
        if (t.credential() instanceof Credential.Usm) return newTarget(t);
        Target<UdpAddress> target = targetCache.get(t);
        if (target == null) {
            target = newTarget(t);
            if (targetCache.size() < CACHE_BOUND) targetCache.put(t, target);
        }
        return target;
    }

    private Target<UdpAddress> newTarget(SnmpTarget t) {
        UdpAddress address = udp(t.address());
        Target<UdpAddress> target;
        if (t.credential() instanceof Credential.Community c) {
            CommunityTarget<UdpAddress> ct = new CommunityTarget<>(address, new OctetString(c.community().reveal()));
            ct.setVersion(c.version() == Credential.SnmpVersion.V1 ? SnmpConstants.version1 : SnmpConstants.version2c);
            target = ct;
        } else {
            Credential.Usm u = (Credential.Usm) t.credential();
            UserTarget<UdpAddress> ut = new UserTarget<>();
            ut.setAddress(address);
            ut.setSecurityName(new OctetString(u.user()));
            ut.setSecurityLevel(UsmProtocols.level(u));
            ut.setVersion(SnmpConstants.version3);
            target = ut;
        }
        target.setTimeout(t.timeout().toMillis());
        target.setRetries(t.retries());
        return target;
    }

    @Override
    public Stats stats() {
        return new Stats(sent.get(), answered.get(), timeouts.get(), failures.get(), inFlight.get(), queued.get(),
                snmp.getPendingAsyncRequestCount());
    }

    @Override
    public void close() {
        discovery.shutdownNow();
        results.shutdown();
        try {
            snmp.close();
        } catch (IOException e) {
            Log.warnf("closing the SNMP socket: %s", e.getMessage());
        }
    }

    private static final class Request {
        final SnmpTarget target;
        final List<String> oids;
        final int type;
        final int maxRepetitions;
        final CompletableFuture<SnmpResponse> future = new CompletableFuture<>();
        long startNanos;
        volatile boolean resynced;
        final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

        Request(SnmpTarget target, List<String> oids, int type, int maxRepetitions) {
            this.target = target;
            this.oids = oids;
            this.type = type;
            this.maxRepetitions = maxRepetitions;
        }

        long micros() { return (System.nanoTime() - startNanos) / 1000; }
    }
}
