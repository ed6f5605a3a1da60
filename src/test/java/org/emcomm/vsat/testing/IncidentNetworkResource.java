package org.emcomm.vsat.testing;

import java.net.ServerSocket;
import java.util.Map;

/**
 * The simulated network with 250 terminals (hub-bj answers for 150 of them), a trap receiver on a
 * free loopback port, a recording webhook and one whose deliveries always fail.
 */
public class IncidentNetworkResource extends SimulatedNetworkResource {
    public static final String SECRET = "test-webhook-secret";
    public static WebhookReceiver webhook;
    public static int trapPort;

    @Override
    protected int terminals() { return 250; }

    @Override
    protected String ipPrefix() { return "127.87"; }

    /** A province with no terminals at all: an emergency there gets a valid report that says so. */
    public static final String EMPTY_PROVINCE = "xz";

    @Override
    protected void customise(java.nio.file.Path dir) throws Exception {
        java.nio.file.Path inv = dir.resolve("inventory.yaml");
        String yaml = java.nio.file.Files.readString(inv);
        java.nio.file.Files.writeString(inv, yaml.replace("regions:\n", "regions:\n  - {id: " + EMPTY_PROVINCE + ", name: \"西藏\", level: province}\n"));
    }

    @Override
    protected Map<String, String> extra() throws Exception {
        webhook = new WebhookReceiver();
        trapPort = TestNetwork.freeUdpPort();
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            dead = s.getLocalPort();
        }
        return Map.of("emcomm.traps.port", Integer.toString(trapPort), "emcomm.traps.bind-address", "127.0.0.1",
                "emcomm.notifications.webhooks.noc.url", webhook.url(),
                "emcomm.notifications.webhooks.noc.secret", SECRET,
                "emcomm.notifications.webhooks.dead.url", "http://127.0.0.1:" + dead + "/nobody",
                "emcomm.notifications.webhooks.dead.secret", "x",
                "emcomm.notifications.webhooks.dead.max-attempts", "2",
                "emcomm.notifications.webhooks.dead.backoff", "50ms");
    }

    @Override
    public void stop() {
        if (webhook != null) webhook.close();
    }
}
