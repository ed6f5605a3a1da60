package org.emcomm.vsat.snmp;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Receives traps and informs (v1, v2c, v3) on one UDP socket. v1/v2c messages are accepted when
 * their community is one of the credentials'; v3 ones when USM authenticates one of the
 * credentials' users (keys are localised to each sender's engine ID). Informs are answered.
 */
public final class TrapReceiver implements AutoCloseable {
    private static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");
    private static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    /** RFC 3584 snmpTrapAddress.0: the original agent of a proxied trap. */
    private static final OID SNMP_TRAP_ADDRESS = new OID("1.3.6.1.6.3.18.1.3.0");

    private final Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    private final Set<OctetString> communities = new HashSet<>();
    private final Consumer<Trap> sink;
    private final AtomicLong rejected = new AtomicLong();

    public TrapReceiver(String bindAddress, int port, Collection<Credential> credentials, Consumer<Trap> sink) {
        this.sink = sink;
        try {
            SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
            UsmProtocols.register(protocols, credentials);
            USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            SecurityModels models = new SecurityModels();
            models.addSecurityModel(usm);
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv1());
            dispatcher.addMessageProcessingModel(new MPv2c());
            dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols, models,
                    org.snmp4j.mp.CounterSupport.getInstance()));
            for (Credential c : credentials) {
                if (c instanceof Credential.Usm u) usm.addUser(UsmProtocols.user(u));
                if (c instanceof Credential.Community k) communities.add(new OctetString(k.community().reveal()));
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

    /** Messages dropped for an unknown community (v3 failures are counted by snmp4j's USM). */
    public long rejected() { return rejected.get(); }

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
            if (model != MessageProcessingModel.MPv3 && !communities.contains(new OctetString(e.getSecurityName()))) {
                rejected.incrementAndGet();
                Log.debugf("trap from %s dropped: unknown community", source);
                return;
            }
            e.setProcessed(true);
            if (type == PDU.INFORM) answer(e, pdu);
            String security = model == MessageProcessingModel.MPv3 ? "v3 user " + new OctetString(e.getSecurityName()) : version;
            sink.accept(convert(pdu, source, version, security, type == PDU.INFORM));
        }
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
        return new Trap(source, agent, version, security, oid == null ? "" : oid, uptime, inform, List.copyOf(varbinds));
    }
}
