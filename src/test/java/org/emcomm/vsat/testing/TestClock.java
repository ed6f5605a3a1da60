package org.emcomm.vsat.testing;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The service's clock in tests that drive time by hand; enabled per test profile
 * ({@code getEnabledAlternatives}), so other tests keep the system clock. */
@Alternative
@Singleton
public class TestClock extends MutableClock {
    public TestClock() { super(Instant.now().truncatedTo(ChronoUnit.SECONDS)); }
}
