package org.emcomm.vsat.inventory;

/** {@code host:port} of an SNMP agent. */
public record AgentAddress(String host, int port) {
    public static AgentAddress parse(String text) {
        if (text == null) throw new IllegalArgumentException("missing");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is out of 1..65535");
        return new AgentAddress(host, port);
    }

    @Override
    public String toString() { return host + ":" + port; }
}
