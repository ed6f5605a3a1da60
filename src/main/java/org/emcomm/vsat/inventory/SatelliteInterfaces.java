package org.emcomm.vsat.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The satellite interface (ifIndex) of each terminal whose profile finds it by ifDescr: written by the poller when it
 * discovers it, read by the trap mapper to take linkDown/linkUp only for that interface. Lives as long as its inventory:
 * a reload discovers again.
 */
public final class SatelliteInterfaces {
    private final Map<String, Integer> byTerminal = new ConcurrentHashMap<>();

    public Integer of(String terminalId) { return byTerminal.get(terminalId); }

    public void found(String terminalId, int ifIndex) { byTerminal.put(terminalId, ifIndex); }

    public void forget(String terminalId) { byTerminal.remove(terminalId); }
}
