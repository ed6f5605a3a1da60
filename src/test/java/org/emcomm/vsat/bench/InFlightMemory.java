package org.emcomm.vsat.bench;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.emcomm.vsat.inventory.AgentAddress;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.inventory.Secret;
import org.emcomm.vsat.snmp.Snmp4jClient;
import org.emcomm.vsat.snmp.SnmpResponse;
import org.emcomm.vsat.snmp.SnmpTarget;

/**
 * Heap held per SNMP request in flight in the service's client (issue 25: the window is to size itself, bounded by
 * memory): {@code n} GETs of the bench's ten OIDs sent to an agent that never answers (a socket that reads nothing),
 * the heap measured after full GCs before and while they wait. Runs in the bench JVM.
 */
final class InFlightMemory {
    private InFlightMemory() {}

    static double bytesPerRequest(int n) throws Exception {
        Credential c = new Credential.Community("bench", Credential.SnmpVersion.V2C, new Secret(BenchNetwork.COMMUNITY));
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             Snmp4jClient client = new Snmp4jClient(List.of(c), n, 1 << 20)) {
            sink.setReceiveBufferSize(1 << 16); // the requests are dropped by the kernel past this: nobody answers
            SnmpTarget target = new SnmpTarget(new AgentAddress("127.0.0.1", sink.getLocalPort()), c, Duration.ofMinutes(5), 0);
            // warm the client's caches (OIDs, target) so they are not counted per request
            client.get(target, BenchNetwork.OIDS);
            long before = usedAfterGc();
            List<CompletableFuture<SnmpResponse>> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) pending.add(client.get(target, BenchNetwork.OIDS));
            Thread.sleep(500); // all sent
            long during = usedAfterGc();
            if (client.stats().pending() < n) throw new IllegalStateException("only " + client.stats().pending() + " of " + n + " in flight");
            return (during - before) / (double) n;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
