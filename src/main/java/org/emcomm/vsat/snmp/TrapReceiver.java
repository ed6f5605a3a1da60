package org.emcomm.vsat.snmp;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.emcomm.vsat.inventory.Credential;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives traps and informs (v1, v2c, v3) on one UDP socket, and accepts only what the sender's credential
 * allows ({@link TrapSenders}): v1/v2c with the community of the agent's community credential; v3 when USM
 * authenticates the agent's user (keys localised to each sender's engine ID) at exactly the security level the
 * credential declares, from the engine ID it names for traps, if it names one. Anything else is rejected before an
 * inform is answered, and counted by reason: ours, and the USM's own refusals (unknown user, wrong digest, …), which
 * never reach this class as a PDU. A rejection never carries a community or a key.
 */
public final class TrapReceiver implements AutoCloseable {
    private static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");
    private static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    /** RFC 3584 snmpTrapAddress.0: the original agent of a proxied trap. */
    private static final OID SNMP_TRAP_ADDRESS = new OID("1.3.6.1.6.3.18.1.3.0");

    /** A message refused: where from, how it came, and why; never a community or a key. */
    public record Rejection(String source, String version, String securityLevel, String user, String reason) {}

    /** The USM's counters of refused messages, by what they mean. Unknown engine ID and not in the time window are left
     * out: an inform's sender meets them on first contact, discovering our engine and its time. */
    private static final java.util.Map<OID, String> USM_REFUSALS = java.util.Map.of(
            org.snmp4j.mp.SnmpConstants.usmStatsUnknownUserNames, "unknown-user",
            org.snmp4j.mp.SnmpConstants.usmStatsWrongDigests, "wrong-digest",
            org.snmp4j.mp.SnmpConstants.usmStatsDecryptionErrors, "decryption-error",
            org.snmp4j.mp.SnmpConstants.usmStatsUnsupportedSecLevels, "unsupported-security-level");

    private final Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    private final java.util.Map<OctetString, Credential.Community> communities = new java.util.HashMap<>();
    private final java.util.Map<String, Credential.Usm> users = new java.util.HashMap<>();
    private final TrapSenders senders;
    private final Consumer<Trap> sink;
    private final Consumer<Rejection> rejections;
    private final AtomicLong rejected = new AtomicLong();

    public TrapReceiver(String bindAddress, int port, Collection<Credential> credentials, Consumer<Trap> sink) {
        this(bindAddress, port, credentials, host -> java.util.List.of(), sink, r -> { });
    }

    public TrapReceiver(String bindAddress, int port, Collection<Credential> credentials, TrapSenders senders, Consumer<Trap> sink,
                        Consumer<Rejection> rejections) {
        this.senders = senders;
        this.sink = sink;
        this.rejections = rejections;
        try {
            SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
            UsmProtocols.register(protocols, credentials);
            // counters of our own, not snmp4j's process-wide ones: the poller's USM counts its own refusals
            org.snmp4j.mp.CounterSupport counters = new org.snmp4j.mp.CounterSupport();
            counters.addCounterListener(e -> {
                String reason = USM_REFUSALS.get(e.getOid());
                if (reason != null) reject(new Rejection(null, "v3", null, null, reason));
            });
            USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0, counters);
            SecurityModels models = new SecurityModels();
            models.addSecurityModel(usm);
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl() {
                @Override
                public <A extends org.snmp4j.smi.Address> void processMessage(org.snmp4j.TransportMapping<? super A> from, A address,
                                                                               java.nio.ByteBuffer message, org.snmp4j.TransportStateReference tm) {
                    // the responder runs on this thread, inside super.processMessage: it reads the engine from here
                    AUTHORITATIVE_ENGINE.set(authoritativeEngine(message.duplicate()));
                    try {
                        super.processMessage(from, address, message, tm);
                    } finally {
                        AUTHORITATIVE_ENGINE.remove();
                    }
                }
            };
            dispatcher.addMessageProcessingModel(new MPv1());
            dispatcher.addMessageProcessingModel(new MPv2c());
            dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols, models, counters));
            for (Credential c : credentials) {
                if (c instanceof Credential.Usm u) {
                    usm.addUser(UsmProtocols.user(u));
                    users.put(u.user(), u);
                }
                if (c instanceof Credential.Community k) communities.put(new OctetString(k.community().reveal()), k);
            }
            transport = new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(bindAddress), port));
            transport.setThreadName("snmp-traps");
            transport.setReceiveBufferSize(4 << 20); // a burst waits in the socket while the queue takes it
            snmp = new Snmp(dispatcher, transport);
            snmp.addCommandResponder(new Responder());
            snmp.listen();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for traps on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() { return transport.getListenAddress().getPort(); }

    /** Messages refused, for any reason. */
    public long rejected() { return rejected.get(); }

    private void reject(Rejection r) {
        rejected.incrementAndGet();
        rejections.accept(r);
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            Log.debugf("closing the trap socket: %s", e.getMessage());
        }
    }

    private final class Responder implements CommandResponder {
        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> e) {
            PDU pdu = e.getPDU();
            if (pdu == null) return;
            int type = pdu.getType();
            if (type != PDU.TRAP && type != PDU.V1TRAP && type != PDU.INFORM) return;
            int model = e.getMessageProcessingModel();
            String version = model == MessageProcessingModel.MPv1 ? "v1" : model == MessageProcessingModel.MPv2c ? "v2c" : "v3";
            String source = e.getPeerAddress() instanceof UdpAddress u ? u.getInetAddress().getHostAddress() : String.valueOf(e.getPeerAddress());
            Trap trap = convert(pdu, source, version, null, type == PDU.INFORM);
            String level = model == MessageProcessingModel.MPv3 ? level(e.getSecurityLevel()) : "community";
            String user = model == MessageProcessingModel.MPv3 ? new OctetString(e.getSecurityName()).toString() : null;
            byte[] engine = engineOf(e);
            Credential matched;
            try {
                matched = model == MessageProcessingModel.MPv3 ? v3(trap.host(), user, e.getSecurityLevel(), engine, type == PDU.INFORM)
                        : community(trap.host(), new OctetString(e.getSecurityName()));
            } catch (Refused r) {
                e.setProcessed(true); // refused here: no inform answer, no further responder
                reject(new Rejection(source, version, level, user, r.getMessage()));
                Log.debugf("trap from %s refused: %s", source, r.getMessage());
                return;
            }
            e.setProcessed(true);
            if (type == PDU.INFORM) answer(e, pdu);
            String security = model == MessageProcessingModel.MPv3 ? "v3 user " + user + " " + level : version;
            sink.accept(new Trap(trap.source(), trap.agentAddress(), version, security, trap.oid(), trap.uptimeTicks(), trap.inform(),
                    trap.varbinds(), level, matched.name()));
        }
    }

    private static final class Refused extends Exception {
        Refused(String reason) { super(reason, null, false, false); }
    }

    /** v1/v2c: the community of the agent's own credential; from an unknown address, one of the credentials'. */
    private Credential community(String host, OctetString given) throws Refused {
        Collection<Credential> expected = senders.expected(host);
        Credential.Community c = communities.get(given);
        if (expected.isEmpty()) {
            if (c == null) throw new Refused("unknown-community");
            return c;
        }
        if (expected.stream().noneMatch(x -> x instanceof Credential.Community)) throw new Refused("wrong-version");
        if (c == null || !expected.contains(c)) throw new Refused("community-mismatch");
        return c;
    }

    /**
     * v3, after USM authenticated (or, at noAuthNoPriv, merely named) the user: it must be the agent's own credential's
     * user, at that credential's level exactly, and from the engine ID it names for traps, if it names one (an inform's
     * authoritative engine is ours).
     */
    private Credential v3(String host, String user, int securityLevel, byte[] engine, boolean inform) throws Refused {
        Collection<Credential> expected = senders.expected(host);
        Credential.Usm u;
        if (expected.isEmpty()) {
            u = users.get(user);
            if (u == null) throw new Refused("unknown-user");
        } else {
            List<Credential.Usm> own = expected.stream().filter(x -> x instanceof Credential.Usm).map(x -> (Credential.Usm) x).toList();
            if (own.isEmpty()) throw new Refused("wrong-version");
            u = own.stream().filter(x -> x.user().equals(user)).findFirst().orElseThrow(() -> new Refused("user-mismatch"));
        }
        if (securityLevel != snmpLevel(u.level())) throw new Refused("security-level");
        if (!inform && u.trapEngineId() != null && (engine == null || !u.trapEngineId().equalsIgnoreCase(hex(engine)))) {
            throw new Refused("engine-id-mismatch");
        }
        return u;
    }

    /** The msgAuthoritativeEngineID of the v3 message being processed on this thread (its sender's, for a trap). */
    private static final ThreadLocal<byte[]> AUTHORITATIVE_ENGINE = new ThreadLocal<>();

    /**
     * The engine a v3 notification is authenticated for: the USM's msgAuthoritativeEngineID, read from the message's
     * security parameters (RFC 3412 §6, RFC 3414 §2.4; snmp4j keeps no state for an unconfirmed trap that would name it).
     * The keys are localised to it, so at authNoPriv and above it is covered by the digest.
     */
    private static <A extends org.snmp4j.smi.Address> byte[] engineOf(CommandResponderEvent<A> e) {
        return AUTHORITATIVE_ENGINE.get();
    }

    /** msgAuthoritativeEngineID of an SNMPv3 message, or null for any other message or one that does not parse. */
    static byte[] authoritativeEngine(java.nio.ByteBuffer message) {
        try {
            org.snmp4j.asn1.BERInputStream in = new org.snmp4j.asn1.BERInputStream(message);
            org.snmp4j.asn1.BER.MutableByte type = new org.snmp4j.asn1.BER.MutableByte();
            org.snmp4j.asn1.BER.decodeHeader(in, type); // SNMPv3Message ::= SEQUENCE
            if (org.snmp4j.asn1.BER.decodeInteger(in, type) != 3) return null; // msgVersion
            in.skip(org.snmp4j.asn1.BER.decodeHeader(in, type)); // msgGlobalData
            byte[] security = org.snmp4j.asn1.BER.decodeString(in, type); // msgSecurityParameters
            org.snmp4j.asn1.BERInputStream s = new org.snmp4j.asn1.BERInputStream(java.nio.ByteBuffer.wrap(security));
            org.snmp4j.asn1.BER.decodeHeader(s, type); // UsmSecurityParameters ::= SEQUENCE
            return org.snmp4j.asn1.BER.decodeString(s, type); // msgAuthoritativeEngineID
        } catch (java.io.IOException | RuntimeException notV3) {
            return null;
        }
    }

    private static int snmpLevel(Credential.SecurityLevel l) {
        return switch (l) {
            case NO_AUTH_NO_PRIV -> org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV;
            case AUTH_NO_PRIV -> org.snmp4j.security.SecurityLevel.AUTH_NOPRIV;
            case AUTH_PRIV -> org.snmp4j.security.SecurityLevel.AUTH_PRIV;
        };
    }

    private static String level(int snmpLevel) {
        return switch (snmpLevel) {
            case org.snmp4j.security.SecurityLevel.AUTH_PRIV -> "authPriv";
            case org.snmp4j.security.SecurityLevel.AUTH_NOPRIV -> "authNoPriv";
            default -> "noAuthNoPriv";
        };
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) s.append(String.format("%02x", x & 0xff));
        return s.toString();
    }

    private static <A extends org.snmp4j.smi.Address> void answer(CommandResponderEvent<A> e, PDU pdu) {
        PDU response = (PDU) pdu.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        try {
            e.getMessageDispatcher().returnResponsePdu(e.getMessageProcessingModel(), e.getSecurityModel(), e.getSecurityName(),
                    e.getSecurityLevel(), response, e.getMaxSizeResponsePDU(), e.getStateReference(), new StatusInformation());
        } catch (MessageException ex) {
            Log.warnf("could not answer an inform: %s", ex.getMessage());
        }
    }

    static Trap convert(PDU pdu, String source, String version, String security, boolean inform) {
        List<Varbind> varbinds = new ArrayList<>();
        String oid = null;
        String agent = null;
        Long uptime = null;
        if (pdu instanceof PDUv1 v1) {
            int generic = v1.getGenericTrap();
            oid = generic == PDUv1.ENTERPRISE_SPECIFIC ? v1.getEnterprise().toDottedString() + ".0." + v1.getSpecificTrap()
                    : "1.3.6.1.6.3.1.1.5." + (generic + 1);
            IpAddress a = v1.getAgentAddress();
            if (a != null && !a.getInetAddress().isAnyLocalAddress()) agent = a.getInetAddress().getHostAddress();
            uptime = v1.getTimestamp();
        }
        for (VariableBinding vb : pdu.getVariableBindings()) {
            if (vb.getOid().equals(SNMP_TRAP_OID) && vb.getVariable() instanceof OID o) oid = o.toDottedString();
            else if (vb.getOid().equals(SYS_UPTIME)) uptime = vb.getVariable().toLong();
            else if (vb.getOid().equals(SNMP_TRAP_ADDRESS) && vb.getVariable() instanceof IpAddress a) agent = a.getInetAddress().getHostAddress();
            varbinds.add(Snmp4jValues.varbind(vb));
        }
        return new Trap(source, agent, version, security, oid == null ? "" : oid, uptime, inform, List.copyOf(varbinds), null, null);
    }
}
