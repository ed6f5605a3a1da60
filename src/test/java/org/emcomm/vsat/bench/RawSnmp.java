package org.emcomm.vsat.bench;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The raw limit: a bare snmp4j 3.13.1 client, no service code. One UDP transport with the service's socket
 * settings (receive buffer, one reused datagram buffer), asynchronous GETs of the ten OIDs, {@code window} in flight, round-robin over every agent, each request
 * cancelled in its listener. Counts complete answers (ten varbinds, no error) during the window.
 */
final class RawSnmp {
    private RawSnmp() {}

    /** Answers per second in the measured window, and every answer the run got (warm-up included, for CPU per request). */
    record Run(double perSecond, long answeredInAll) {}

    static Run run(List<String> agents, int window, double warmupSeconds, double seconds) throws Exception {
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
        transport.setReceiveBufferSize(4 << 20);
        transport.setAsyncMsgProcessingSupported(false); // one receive buffer, not 64 KiB per datagram (as the service)
        Snmp snmp = new Snmp(transport);
        snmp.listen();
        try {
            @SuppressWarnings("unchecked")
            CommunityTarget<UdpAddress>[] targets = new CommunityTarget[agents.size()];
            for (int i = 0; i < targets.length; i++) {
                CommunityTarget<UdpAddress> t = new CommunityTarget<>(new UdpAddress(agents.get(i).replace(':', '/')), new OctetString(BenchNetwork.COMMUNITY));
                t.setVersion(SnmpConstants.version2c);
                t.setTimeout(3000);
                t.setRetries(1);
                targets[i] = t;
            }
            OID[] oids = BenchNetwork.OIDS.stream().map(OID::new).toArray(OID[]::new);
            Semaphore slots = new Semaphore(window);
            AtomicLong answered = new AtomicLong(), failed = new AtomicLong();
            ResponseListener listener = new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    PDU r = event.getResponse();
                    if (r != null && r.getErrorStatus() == 0 && r.size() == oids.length) answered.incrementAndGet();
                    else failed.incrementAndGet();
                    slots.release();
                }
            };
            long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            long end = warmEnd + (long) (seconds * 1e9);
            long atStart = -1;
            int next = 0;
            while (true) {
                long now = System.nanoTime();
                if (atStart < 0 && now >= warmEnd) atStart = answered.get();
                if (now >= end) break;
                if (!slots.tryAcquire(10, TimeUnit.MILLISECONDS)) continue;
                PDU pdu = new PDU();
                pdu.setType(PDU.GET);
                for (OID o : oids) pdu.add(new VariableBinding(o));
                snmp.send(pdu, targets[next], null, listener);
                if (++next == targets.length) next = 0;
            }
            long done = answered.get() - atStart;
            if (failed.get() > answered.get() / 100) {
                throw new IllegalStateException("raw client: " + failed.get() + " of " + (answered.get() + failed.get()) + " requests failed");
            }
            slots.acquire(window); // let the last answers in before the next run
            return new Run(done / seconds, answered.get());
        } finally {
            snmp.close();
        }
    }
}
