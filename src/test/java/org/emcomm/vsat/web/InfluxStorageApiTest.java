package org.emcomm.vsat.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.emcomm.vsat.testing.InfluxFixture;
import org.emcomm.vsat.testing.InfluxNetworkResource;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.junit.jupiter.api.Test;

/** The same API with a real influxd behind it; and what landed there, read straight from influxd. */
@QuarkusTest
@QuarkusTestResource(value = InfluxNetworkResource.class, restrictToAnnotatedClass = true)
class InfluxStorageApiTest extends StorageApiContract {
    @Override
    String mode() { return "influxdb"; }

    @Test
    void samplesAndAuditEventsLandInInfluxDb() throws Exception {
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?region=sc").then().statusCode(200);
        assertThat(storage.flush(Duration.ofSeconds(30))).isTrue();
        InfluxFixture influx = InfluxNetworkResource.influx;
        assertThat(influx.count(InfluxFixture.DATABASE, "terminal_state_code", "sample", "\"region\" =~ /^sc/")).isGreaterThanOrEqualTo(10);
        assertThat(storage.status().samples().lastError()).isNull();
        long events = influx.count(InfluxFixture.DATABASE, "seq", "event", null);
        assertThat(events).isEqualTo(storage.status().journalHeadSeq());
        // the archive is the journal's second anchor: its last event is the journal's head
        assertThat(storage.lastSeq()).isEqualTo(storage.status().journalHeadSeq()).isPositive();
    }
}
