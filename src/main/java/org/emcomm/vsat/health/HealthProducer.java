package org.emcomm.vsat.health;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.emcomm.vsat.inventory.Inventory;

final class HealthProducer {
    @Produces
    @Singleton
    NetworkHealth health(Inventory inventory, Clock clock) {
        return new NetworkHealth(inventory, clock);
    }
}
