package org.emcomm.vsat.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.emcomm.vsat.journal.Journal;
import org.emcomm.vsat.journal.JournalEvent;
import org.junit.jupiter.api.Test;

/** The audit projection after a stop without a clean shutdown equals the one before it. */
class AuditProjectionTest {
    static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void projectionRebuiltAfterACrashEqualsTheOneBefore() throws Exception {
        Path dir = Files.createTempDirectory("audit-crash");
        AuditTrail live = new AuditTrail(null, java.time.Clock.systemUTC());
        Journal journal = Journal.open(dir, Journal.Options.DEFAULT, e -> { });
        journal.addListener(live::apply);
        for (int i = 0; i < 25; i++) {
            String payload = "{\"roles\":[\"operator\"],\"action\":\"network.poll\",\"method\":\"POST\",\"path\":\"/api/network/poll\","
                    + "\"target\":\"T-" + i + "\",\"status\":200,\"changes\":{\"polled\":" + i + "}}";
            journal.append(AuditTrail.STREAM, "audit.network.poll", "T-" + i, "op", payload, T0.plusSeconds(i));
        }
        // killed mid-write: no close, half an entry at the end
        Path seg;
        try (Stream<Path> s = Files.list(dir)) {
            seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        Files.write(seg, new byte[] {0, 0, 1, 0, 7, 7, 7, 7, '{', '"'}, StandardOpenOption.APPEND);

        AuditTrail rebuilt = new AuditTrail(null, java.time.Clock.systemUTC());
        try (Journal reopened = Journal.open(dir, Journal.Options.DEFAULT, e -> {
            if (e.stream().equals(AuditTrail.STREAM)) rebuilt.apply(e);
        })) {
            assertThat(reopened.head()).isEqualTo(journal.head());
        }
        List<AuditEntry> before = live.between(null, null);
        assertThat(before).hasSize(25);
        assertThat(rebuilt.between(null, null)).isEqualTo(before);
        assertThat(rebuilt.between(T0.plusSeconds(10), T0.plusSeconds(15))).extracting(AuditEntry::target)
                .containsExactly("T-10", "T-11", "T-12", "T-13", "T-14");
        AuditEntry first = before.get(0);
        assertThat(first.actor()).isEqualTo("op");
        assertThat(first.roles()).containsExactly("operator");
        assertThat(first.changes().get("polled").asInt()).isZero();
    }

    @Test
    void anEventOfTheAuditStreamReadsBackAsAnEntry() {
        JournalEvent e = new JournalEvent(7, AuditTrail.STREAM, 3, T0, "audit.x", null, "adm",
                "{\"roles\":[\"admin\"],\"action\":\"x\",\"method\":\"DELETE\",\"path\":\"/api/x\",\"target\":null,\"status\":204,\"changes\":null}",
                JournalEvent.GENESIS, "h");
        AuditEntry a = AuditTrail.toEntry(e);
        assertThat(a.seq()).isEqualTo(7);
        assertThat(a.target()).isNull();
        assertThat(a.method()).isEqualTo("DELETE");
        assertThat(a.status()).isEqualTo(204);
    }
}
