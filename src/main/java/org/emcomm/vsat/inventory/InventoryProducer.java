package org.emcomm.vsat.inventory;

import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.emcomm.vsat.config.EmcommConfig;

/** Loads and validates config/ once at start-up; a bad file stops the start with its name,
 * key and reason. */
final class InventoryProducer {
    @Produces
    @Singleton
    Inventory inventory(EmcommConfig config) {
        Path dir = Path.of(config.configDir());
        Path profiles = config.profilesDir().map(Path::of).orElse(dir.resolve("profiles"));
        Inventory inventory;
        try {
            inventory = ConfigLoader.withSystemEnvironment().load(dir, profiles);
        } catch (ConfigException e) {
            throw e.stopsStart();
        }
        Log.infof("inventory %s: %d terminals, %d hubs, %d beams, %d regions, %d profiles, %d credentials",
                dir, inventory.terminals().size(), inventory.hubs().size(), inventory.beams().size(),
                inventory.regions().size(), inventory.profiles().size(), inventory.credentials().size());
        return inventory;
    }
}
