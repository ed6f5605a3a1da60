package org.emcomm.vsat.snmp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The only way the service talks SNMP. Read-only by design: there is no SET, because some
 * vendor OIDs reset statistics or reboot the modem when written (domain.md §3a).
 * Requests beyond the in-flight window wait in a queue; no caller thread ever blocks.
 */
public interface SnmpClient extends AutoCloseable {
    CompletableFuture<SnmpResponse> get(SnmpTarget target, List<String> oids);

    /** GETBULK (v2c/v3) with {@code maxRepetitions}, or GETNEXT when {@code bulk} is false or the target is v1. */
    CompletableFuture<SnmpResponse> next(SnmpTarget target, List<String> oids, boolean bulk, int maxRepetitions);

    Stats stats();

    @Override
    void close();

    /** Counters for the service's own metrics. */
    record Stats(long sent, long answered, long timeouts, long failures, int inFlight, int queued, int pending) {}
}
