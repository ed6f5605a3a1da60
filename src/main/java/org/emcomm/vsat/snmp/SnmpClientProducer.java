package org.emcomm.vsat.snmp;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.inventory.Inventory;

final class SnmpClientProducer {
    @Produces
    @Singleton
    SnmpClient client(Inventory inventory, EmcommConfig config) {
        return new Snmp4jClient(inventory.credentials().values(), config.polling().window(),
                config.polling().receiveBufferBytes(), config.polling().sourceAddress());
    }

    void close(@Disposes SnmpClient client) {
        client.close();
    }
}
