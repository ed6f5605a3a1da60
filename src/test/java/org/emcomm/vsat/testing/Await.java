package org.emcomm.vsat.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the service does on its own threads. */
public final class Await {
    private Await() {}

    /** Asks every 50 ms for up to 10 s; fails naming what it waited for. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, Duration.ofSeconds(10), condition, () -> "");
    }

    /** Asks every 50 ms until {@code within} has passed; fails naming what it waited for, followed by {@code context} (logs). */
    public static void until(String what, Duration within, BooleanSupplier condition, Supplier<String> context) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + within + " waiting for " + what + context.get());
            Thread.sleep(50);
        }
    }
}
