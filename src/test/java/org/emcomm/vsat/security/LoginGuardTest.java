package org.emcomm.vsat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.emcomm.vsat.audit.AuditTrail;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The guard's arithmetic on a clock the test moves: slowing, locking, forgetting, and what resets what. */
class LoginGuardTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T03:00:00Z"));
    final List<AuditTrail.Call> audited = new ArrayList<>();
    final LoginGuard guard = new LoginGuard(clock, defaults(), audited::add);

    /** The shipped defaults (EmcommConfig's @WithDefault): 3 free, lock at 10; per address 20 and 30; 30 s; 15 min; 15 min. */
    static EmcommConfig.Login defaults() {
        return new EmcommConfig.Login() {
            public int freeFailures() { return 3; }
            public int maxFailures() { return 10; }
            public int sourceFreeFailures() { return 20; }
            public int sourceMaxFailures() { return 30; }
            public Duration maxDelay() { return Duration.ofSeconds(30); }
            public Duration lockDuration() { return Duration.ofMinutes(15); }
            public Duration window() { return Duration.ofMinutes(15); }
            public String secureCookies() { return "auto"; }
        };
    }

    /** Tries as fast as the guard lets one (the attacker waits out every delay), returning how many were checked. */
    int tryUntilLocked(String user, String source, int tries) {
        int checked = 0;
        for (int i = 0; i < tries; i++) {
            LoginGuard.Wait w = guard.admit(user, source);
            if (w != null && w.locked()) return checked;
            if (w != null) clock.advance(w.retryAfter());
            guard.failed(user, source, "/j_security_check");
            checked++;
        }
        return checked;
    }

    @Test
    void threeFreeTriesThenEachWaitsLongerThenTheNameIsLocked() {
        for (int i = 0; i < 3; i++) {
            assertThat(guard.admit("op", "10.0.0.5")).as("try %d", i + 1).isNull();
            guard.failed("op", "10.0.0.5", "/api/terminals");
        }
        LoginGuard.Wait w = guard.admit("op", "10.0.0.5");
        assertThat(w).isNotNull();
        assertThat(w.locked()).isFalse();
        assertThat(w.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(guard.admit("op", "10.0.0.5")).as("still inside the first delay").isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.admit("op", "10.0.0.5")).isNull();
        guard.failed("op", "10.0.0.5", "/api/terminals");
        assertThat(guard.admit("op", "10.0.0.5").retryAfter()).as("the delay doubles").isEqualTo(Duration.ofSeconds(2));

        int more = tryUntilLocked("op", "10.0.0.5", 200);
        assertThat(4 + more).as("checked tries before the lock").isEqualTo(10);
        LoginGuard.Wait locked = guard.admit("op", "10.0.0.5");
        assertThat(locked.locked()).isTrue();
        assertThat(locked.kind()).isEqualTo(LoginGuard.Kind.USER);
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(locked.why()).contains("locked").contains("900 s");
        assertThat(audited).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("login.lock");
            assertThat(c.target()).isEqualTo("user:op");
            assertThat(c.changes().path("failures").asInt()).isEqualTo(10);
        });
        assertThat(guard.entries()).first().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(LoginGuard.Kind.USER);
            assertThat(e.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        });
    }

    @Test
    void aLockIsServedWholeEvenByTheRightPasswordThenTheCountStartsAfresh() {
        tryUntilLocked("admin", "10.0.0.9", 50);
        clock.advance(Duration.ofMinutes(14));
        assertThat(guard.admit("admin", "10.0.0.9")).as("a minute of the lock is left").isNotNull();
        // the caller never reaches the password check, so succeeded() is never called during a lock
        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.admit("admin", "10.0.0.9")).isNull();
        guard.failed("admin", "10.0.0.9", "/j_security_check");
        assertThat(guard.admit("admin", "10.0.0.9")).as("one failure after a served lock is a free one again").isNull();
    }

    @Test
    void aGoodLoginClearsTheNameButNotTheAddress() {
        for (int i = 0; i < 3; i++) guard.failed("op", "10.0.0.5", "/j_security_check");
        for (int i = 0; i < 20; i++) guard.failed("user" + i, "10.0.0.5", "/j_security_check");
        guard.succeeded("op");
        assertThat(guard.admit("op", "10.0.0.6")).as("op from elsewhere").isNull();
        LoginGuard.Wait w = guard.admit("op", "10.0.0.5");
        assertThat(w).as("the address sprayed 23 names").isNotNull();
        assertThat(w.kind()).isEqualTo(LoginGuard.Kind.SOURCE);
    }

    @Test
    void oneAddressSprayingManyNamesIsLockedAtThirty() {
        int checked = 0;
        for (int i = 0; i < 500; i++) {
            LoginGuard.Wait w = guard.admit("name-" + i, "203.0.113.7");
            if (w != null && w.locked()) break;
            if (w != null) clock.advance(w.retryAfter());
            guard.failed("name-" + i, "203.0.113.7", "/api/terminals");
            checked++;
        }
        assertThat(checked).isEqualTo(30);
        assertThat(guard.admit("op", "203.0.113.7").locked()).isTrue();
        assertThat(guard.admit("op", "198.51.100.1")).as("the names were each tried once: no name is held").isNull();
        assertThat(audited).extracting(AuditTrail.Call::target).containsExactly("source:203.0.113.7");
    }

    @Test
    void failuresOlderThanTheWindowAreForgottenAndAnAdminCanLiftALock() {
        for (int i = 0; i < 3; i++) guard.failed("op", "10.0.0.5", "/j_security_check");
        clock.advance(Duration.ofMinutes(16));
        guard.failed("op", "10.0.0.5", "/j_security_check");
        assertThat(guard.admit("op", "10.0.0.5")).as("only one failure is left in the window").isNull();

        tryUntilLocked("rev", "10.0.0.7", 50);
        assertThat(guard.admit("rev", "10.0.0.8").locked()).isTrue();
        assertThat(guard.lift(LoginGuard.Kind.USER, "rev")).isTrue();
        assertThat(guard.admit("rev", "10.0.0.8")).isNull();
        assertThat(guard.lift(LoginGuard.Kind.USER, "rev")).as("nothing left to lift").isFalse();
    }

    @Test
    void memoryIsBoundedAndHugeNamesAreClipped() {
        String huge = "x".repeat(1_000_000);
        guard.failed(huge, "10.0.0.1", "/j_security_check");
        assertThat(guard.entries()).anySatisfy(e -> assertThat(e.key()).hasSizeLessThanOrEqualTo(129));
        for (int i = 0; i < LoginGuard.MAX_TRACKED + 500; i++) {
            guard.failed("n" + i, "10.1." + (i / 250) + "." + (i % 250), "/j_security_check");
        }
        long users = guard.entries().stream().filter(e -> e.kind() == LoginGuard.Kind.USER).count();
        assertThat(users).isEqualTo(LoginGuard.MAX_TRACKED);
    }
}
