package org.emcomm.vsat.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.emcomm.vsat.testing.SimulatedNetworkResource;

/** No emcomm.influx.url: the journal and the local sample store. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedNetworkResource.class, restrictToAnnotatedClass = true)
class EmbeddedStorageApiTest extends StorageApiContract {
    @Override
    String mode() { return "embedded"; }
}
