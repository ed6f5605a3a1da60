package org.emcomm.vsat.simulator;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.emcomm.vsat.inventory.Credential;

/** Answers GET, GETNEXT and GETBULK from a simulated agent's view. Read-only: a SET is
 * refused with notWritable (v2c+) or readOnly (v1), as the real modems should be treated. */
final class AgentResponder implements CommandResponder {
    /** Keeps a GETBULK answer inside one UDP datagram. */
    static final int MAX_BULK_VARBINDS = 1000;

    private final SimNetwork network;

    AgentResponder(SimNetwork network) { this.network = network; }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        if (!(event.getTransportMapping() instanceof NettyAgentTransport transport)) return;
        SimAgent agent = transport.agent;
        if (!authorised(agent, event)) return; // wrong community: real agents stay silent
        event.setProcessed(true);
        network.requested(PDU.getTypeString(event.getPDU().getType()));
        Instant now = network.now();
        Link link = network.linkOf(agent, now);
        if (network.loses(link)) return; // the request was lost on the way
        Conditions agentSide = network.agentConditions(agent, now);
        if (agentSide.silent()) return;
        PDU request = event.getPDU();
        PDU response = (PDU) request.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(0);
        response.setErrorIndex(0);
        response.clear(); // clear() also zeroes the request ID: put it back
        response.setRequestID(request.getRequestID());
        boolean v1 = event.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv1;
        switch (request.getType()) {
            case PDU.GET -> get(agent, request, response, agentSide, now, v1);
            case PDU.GETNEXT -> next(agent, request, response, agentSide, now, 1, v1);
            case PDU.GETBULK -> bulk(agent, request, response, agentSide, now);
            default -> {
                response.setErrorStatus(v1 ? PDU.readOnly : PDU.notWritable);
                response.setErrorIndex(1);
                response.addAll(request.getVariableBindings());
            }
        }
        if (network.loses(link)) return; // the answer will be lost on the way back
        // the link's round trip and the agent's own slowness, on the agent's event loop: no thread waits
        double delayMs = network.roundTripMs(link) + agentSide.delaySeconds() * 1000;
        if (delayMs > 0 && transport.channel != null) {
            transport.channel.eventLoop().schedule(() -> reply(event, response), Math.round(delayMs * 1000), TimeUnit.MICROSECONDS);
        } else {
            reply(event, response);
        }
    }

    private static boolean authorised(SimAgent agent, CommandResponderEvent<?> event) {
        if (agent.credential instanceof Credential.Community c) {
            return event.getMessageProcessingModel() != org.snmp4j.mp.MessageProcessingModel.MPv3
                    && new OctetString(c.community().reveal()).equals(new OctetString(event.getSecurityName()));
        }
        Credential.Usm u = (Credential.Usm) agent.credential;
        return event.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv3
                && u.user().equals(new OctetString(event.getSecurityName()).toString());
    }

    private void get(SimAgent agent, PDU request, PDU response, Conditions agentSide, Instant now, boolean v1) {
        for (int i = 0; i < request.size(); i++) {
            OID oid = request.get(i).getOid();
            SimAgent.Entry e = agent.exact(oid);
            if (e == null) {
                if (v1) {
                    response.clear();
                    response.addAll(request.getVariableBindings());
                    response.setErrorStatus(PDU.noSuchName);
                    response.setErrorIndex(i + 1);
                    return;
                }
                response.add(new VariableBinding(oid, Null.noSuchInstance));
            } else {
                response.add(new VariableBinding(oid, value(agent, e, agentSide, now)));
            }
        }
    }

    private void next(SimAgent agent, PDU request, PDU response, Conditions agentSide, Instant now, int repetitions, boolean v1) {
        VariableBinding[] cursor = request.getVariableBindings().toArray(VariableBinding[]::new);
        for (int r = 0; r < repetitions; r++) {
            boolean any = false;
            for (int i = 0; i < cursor.length; i++) {
                OID from = cursor[i].getOid();
                SimAgent.Entry e = agent.next(from);
                if (e == null) {
                    if (v1) {
                        response.clear();
                        response.addAll(request.getVariableBindings());
                        response.setErrorStatus(PDU.noSuchName);
                        response.setErrorIndex(i + 1);
                        return;
                    }
                    cursor[i] = new VariableBinding(from, Null.endOfMibView);
                } else {
                    cursor[i] = new VariableBinding(e.oid(), value(agent, e, agentSide, now));
                    any = true;
                }
                response.add(cursor[i]);
            }
            if (!any || response.size() + cursor.length > MAX_BULK_VARBINDS) return;
        }
    }

    private void bulk(SimAgent agent, PDU request, PDU response, Conditions agentSide, Instant now) {
        int nonRepeaters = Math.max(0, Math.min(request.getNonRepeaters(), request.size()));
        PDU first = new PDU();
        for (int i = 0; i < nonRepeaters; i++) first.add(request.get(i));
        if (nonRepeaters > 0) next(agent, first, response, agentSide, now, 1, false);
        PDU rest = new PDU();
        for (int i = nonRepeaters; i < request.size(); i++) rest.add(request.get(i));
        if (rest.size() > 0) next(agent, rest, response, agentSide, now, Math.max(1, request.getMaxRepetitions()), false);
    }

    private Variable value(SimAgent agent, SimAgent.Entry e, Conditions agentSide, Instant now) {
        if (e.line() != null) {
            Conditions radio = e.terminal() == null ? Conditions.CLEAR : network.terminalConditions(e.terminal(), now);
            if (agentSide.garbage() && e.line().tag() != 6) return ValueModel.garbage(e.terminal());
            return Recording.value(e.line(), e.terminal(), radio, network.uptimeMillis());
        }
        if (e.metric() == null) {
            return switch (e.system()) {
                case "descr" -> new OctetString(agent.description);
                case "uptime" -> new TimeTicks((network.uptimeMillis() / 10) & 0xFFFFFFFFL);
                default -> new OctetString(agent.id);
            };
        }
        Conditions radio = network.terminalConditions(e.terminal(), now);
        Conditions c = new Conditions(false, radio.unlocked(), radio.fadeDb(), 0, agentSide.garbage());
        return ValueModel.value(e.metric(), e.terminal(), c, network.uptimeMillis());
    }

    private static <A extends org.snmp4j.smi.Address> void reply(CommandResponderEvent<A> event, PDU response) {
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            // tooBig or an encoding problem: a real agent would drop it too
        }
    }
}
