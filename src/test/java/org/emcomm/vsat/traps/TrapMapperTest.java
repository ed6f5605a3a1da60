package org.emcomm.vsat.traps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.snmp.Trap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two modems behind one address on different ports (a NAT, a site router): each trap goes to the one whose credential it came with. */
class TrapMapperTest {
    static final String CREDENTIALS = """
            credentials:
              site-a: {version: v2c, community: "community-a"}
              site-b: {version: v2c, community: "community-b"}
            """;
    static final String INVENTORY = """
            satellites: [{id: sat, name: S}]
            beams: [{id: b1, satellite: sat}]
            regions: [{id: p, level: province}]
            hubs: [{id: h, region: p}]
            terminals:
              - {id: T-A, region: p, hub: h, beam: b1, lat: 30, lon: 104, profile: generic-mib2, credential: site-a, agent: "10.0.0.7:161"}
              - {id: T-B, region: p, hub: h, beam: b1, lat: 30, lon: 104, profile: generic-mib2, credential: site-b, agent: "10.0.0.7:1161"}
              - {id: T-C, region: p, hub: h, beam: b1, lat: 30, lon: 104, profile: generic-mib2, credential: site-b, agent: "10.0.0.7:2161"}
            """;

    static Trap coldStart(String credential) {
        return new Trap("10.0.0.7", null, "v2c", "v2c", "1.3.6.1.6.3.1.1.5.1", null, false, List.of(), "community", credential);
    }

    @Test
    void aTrapGoesToTheTerminalWhoseCredentialItCameWithAndTheLoadSaysWhoGetsWhat(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
        Files.writeString(dir.resolve("credentials.yaml"), CREDENTIALS);
        Inventory inv = new ConfigLoader(k -> null).load(dir, Path.of("config/profiles"));
        TrapMapper m = new TrapMapper(inv);
        assertThat(m.map(coldStart("site-a"), Instant.EPOCH).signal().terminal().id()).isEqualTo("T-A");
        assertThat(m.map(coldStart("site-b"), Instant.EPOCH).signal().terminal().id()).isEqualTo("T-B");
        assertThat(m.shared()).singleElement().asString().contains("10.0.0.7", "site-a → T-A", "site-b → T-B", "sharing a credential");
    }
}
