package org.emcomm.vsat.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Our own meters are registered at start-up. A registry that outlives one start (tests restart the
 * application in one JVM) would hand back the old meter, bound to the old objects; so a service
 * forgets its meters before registering them again. */
public final class Meters {
    private Meters() {}

    public static void forget(MeterRegistry registry, String... prefixes) {
        for (Meter m : registry.getMeters()) {
            for (String p : prefixes) {
                if (m.getId().getName().startsWith(p)) {
                    registry.remove(m);
                    break;
                }
            }
        }
    }
}
