package org.emcomm.vsat.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;

/** Writes a generated 60-terminal network (agents on 127.88.x.x at a free port) and test users,
 * and points the service at it. */
public class SimulatedNetworkResource implements QuarkusTestResourceLifecycleManager {
    public static final String OPERATOR = "op";
    public static final String COORDINATOR = "coord";
    public static final String REVIEWER = "rev";
    public static final String ADMIN = "adm";
    public static final String PASSWORD = "test-password-1";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("emcomm-api");
            NetworkGenerator.write(dir, terminals(), NetworkGenerator.Mix.DEMO, ipPrefix(), TestNetwork.freeUdpPort());
            customise(dir);
            String hash = PasswordHash.hash(PASSWORD);
            Files.writeString(dir.resolve("users.yaml"), "users:\n"
                    + "  " + OPERATOR + ": {password: \"" + hash + "\", roles: [operator]}\n"
                    + "  " + COORDINATOR + ": {password: \"" + hash + "\", roles: [coordinator]}\n"
                    + "  " + REVIEWER + ": {password: \"" + hash + "\", roles: [reviewer]}\n"
                    + "  " + ADMIN + ": {password: \"" + hash + "\", roles: [admin]}\n");
            Map<String, String> props = new java.util.HashMap<>(Map.of("emcomm.config-dir", dir.toString(),
                    "emcomm.data-dir", Files.createTempDirectory("emcomm-data").toString()));
            props.putAll(extra());
            return props;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected int terminals() { return 60; }

    /** Changes to the generated config folder before the service reads it. */
    protected void customise(Path configDir) throws Exception {}

    protected String ipPrefix() { return "127.88"; }

    /** More properties from subclasses (an InfluxDB to write to). */
    protected Map<String, String> extra() throws Exception { return Map.of(); }

    @Override
    public void stop() { }
}
