package org.emcomm.vsat.testing;

import java.util.Map;

/** The simulated network of {@link SimulatedNetworkResource}, with a real influxd as the store. */
public class InfluxNetworkResource extends SimulatedNetworkResource {
    public static InfluxFixture influx;

    @Override
    protected Map<String, String> extra() throws Exception {
        influx = InfluxFixture.start();
        return Map.of("emcomm.influx.url", influx.url(), "emcomm.influx.bucket", InfluxFixture.DATABASE + "/autogen",
                "emcomm.influx.flush-interval", "100ms");
    }

    @Override
    public void stop() {
        try {
            if (influx != null) influx.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
