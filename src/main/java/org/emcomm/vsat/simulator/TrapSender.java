package org.emcomm.vsat.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.snmp.UsmProtocols;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends the simulated agents' traps (SNMPv2c, or SNMPv3 with the agent's own user) from the agent's
 * own address, so a receiver sees them come from the agent, as from a real modem or NMS.
 */
final class TrapSender implements AutoCloseable {
    private final USM usm;
    private final MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    private final Snmp snmp;
    /** One socket per agent address: a trap must leave from the agent it is about. */
    private final Map<String, DefaultUdpTransportMapping> bySource = new HashMap<>();

    TrapSender(java.util.Collection<Credential> credentials) {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
        UsmProtocols.register(protocols, credentials);
        usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID(new OctetString("emcomm-sim-traps"))), 1);
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols, models,
                org.snmp4j.mp.CounterSupport.getInstance()));
        java.util.Set<String> users = new java.util.HashSet<>();
        for (Credential c : credentials) {
            if (c instanceof Credential.Usm u && users.add(u.user())) {
                // the sender of a trap is the authoritative engine: keys are localised to our engine ID
                usm.addUser(new OctetString(u.user()), usm.getLocalEngineID(), UsmProtocols.user(u));
            }
        }
        snmp = new Snmp(dispatcher);
    }

    /** Sends one trap {@code trapOid} with {@code varbinds} from {@code sourceHost} to {@code target}. */
    synchronized void send(String sourceHost, Credential credential, String targetHost, int targetPort, String trapOid,
                           List<VariableBinding> varbinds, long uptimeMillis) throws IOException {
        DefaultUdpTransportMapping transport = bySource.get(sourceHost);
        if (transport == null) {
            transport = new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(sourceHost), 0));
            snmp.addTransportMapping(transport);
            transport.listen();
            bySource.put(sourceHost, transport);
        }
        UdpAddress to = new UdpAddress(InetAddress.getByName(targetHost), targetPort);
        Target<UdpAddress> target;
        PDU pdu;
        if (credential instanceof Credential.Usm u) {
            UserTarget<UdpAddress> t = new UserTarget<>(to, new OctetString(u.user()), usm.getLocalEngineID().getValue(),
                    switch (u.level()) {
                        case NO_AUTH_NO_PRIV -> SecurityLevel.NOAUTH_NOPRIV;
                        case AUTH_NO_PRIV -> SecurityLevel.AUTH_NOPRIV;
                        case AUTH_PRIV -> SecurityLevel.AUTH_PRIV;
                    });
            t.setVersion(SnmpConstants.version3);
            target = t;
            pdu = new ScopedPDU();
        } else {
            Credential.Community c = (Credential.Community) credential;
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(to, new OctetString(c.community().reveal()));
            t.setVersion(SnmpConstants.version2c);
            target = t;
            pdu = new PDU();
        }
        target.setRetries(0);
        target.setTimeout(1000);
        pdu.setType(PDU.TRAP);
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks((uptimeMillis / 10) & 0xFFFFFFFFL)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID(trapOid)));
        pdu.addAll(varbinds);
        snmp.send(pdu, target, transport);
    }

    @Override
    public synchronized void close() {
        try {
            snmp.close();
        } catch (IOException ignored) {
            // closing UDP sockets
        }
        bySource.clear();
    }
}
