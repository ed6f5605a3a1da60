package org.emcomm.vsat.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JournalTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    static JournalEvent.Draft draft(String stream, int n) {
        return new JournalEvent.Draft(stream, stream + ".changed", stream.toUpperCase() + "-" + (n % 3), "coord",
                "{\"n\":" + n + ",\"note\":\"雨衰 rain fade\"}", T0.plusSeconds(n));
    }

    static List<JournalEvent> replay(Path dir) {
        List<JournalEvent> out = new ArrayList<>();
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, out::add)) {
            return out;
        }
    }

    @Test
    void eventsSurviveAReopenWithSequenceNumbersAndAnUnbrokenChain() throws Exception {
        Path dir = Files.createTempDirectory("journal");
        List<JournalEvent> written = new ArrayList<>();
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 10; i++) written.add(j.append(draft(i % 2 == 0 ? "drill" : "incident", i)));
        }
        assertThat(written).extracting(JournalEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(written).filteredOn(e -> e.stream().equals("drill")).extracting(JournalEvent::streamSeq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(written.get(0).prevHash()).isEqualTo(JournalEvent.GENESIS);
        for (int i = 1; i < written.size(); i++) assertThat(written.get(i).prevHash()).isEqualTo(written.get(i - 1).hash());

        assertThat(replay(dir)).isEqualTo(written);
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            JournalEvent next = j.append(draft("drill", 99));
            assertThat(next.seq()).isEqualTo(11);
            assertThat(next.streamSeq()).isEqualTo(6);
            assertThat(next.prevHash()).isEqualTo(written.get(9).hash());
        }
        Verification v = Journal.verify(dir);
        assertThat(v.ok()).isTrue();
        assertThat(v.events()).isEqualTo(11);
    }

    @Test
    void concurrentAppendsShareFsyncsAndKeepOneOrder() throws Exception {
        Path dir = Files.createTempDirectory("journal-group");
        int threads = 16;
        int each = 200;
        List<JournalEvent> all = Collections.synchronizedList(new ArrayList<>());
        long groups;
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) all.add(j.append(draft("s" + (id % 4), i)));
                }));
            }
            for (Future<?> f : done) f.get();
            pool.shutdown();
            groups = j.groups();
        }
        Set<Long> seqs = new HashSet<>();
        all.forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).hasSize(threads * each);
        assertThat(groups).isLessThan(threads * each);
        assertThat(Journal.verify(dir).ok()).isTrue();
        assertThat(replay(dir)).hasSize(threads * each);
    }

    @Test
    void segmentsRollAndReadBackInOrder() throws Exception {
        Path dir = Files.createTempDirectory("journal-roll");
        try (Journal j = Journal.open(dir, new Journal.Options(2_000, false), e -> { })) {
            for (int i = 0; i < 100; i++) j.append(draft("audit", i));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.toString().endsWith(".seg")).count()).isGreaterThan(5);
        }
        List<JournalEvent> back = replay(dir);
        assertThat(back).extracting(JournalEvent::seq).isSorted().hasSize(100);
        assertThat(Journal.verify(dir).ok()).isTrue();
    }

    @Test
    void aTornLastEntryIsCutWithTheEventsBeforeItIntact() throws Exception {
        Path dir = Files.createTempDirectory("journal-torn");
        List<JournalEvent> written = new ArrayList<>();
        Journal crashed = Journal.open(dir, Journal.Options.DEFAULT, e -> { });
        for (int i = 0; i < 5; i++) written.add(crashed.append(draft("incident", i)));
        // the process dies mid-write: half an entry at the end, never closed
        Path seg = segments(dir).get(0);
        byte[] body = "{\"seq\":6,\"stream\":\"incident\"".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(seg, StandardOpenOption.APPEND)) {
            out.write(new byte[] {0, 0, 0, 100, 1, 2, 3, 4});
            out.write(body);
        }
        long tornSize = Files.size(seg);

        Verification before = Journal.verify(dir);
        assertThat(before.ok()).isTrue();
        assertThat(before.tornTail()).isTrue();

        assertThat(replay(dir)).isEqualTo(written);
        assertThat(Files.size(seg)).isLessThan(tornSize);
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains(".torn-from-")).findFirst()).as("the cut bytes are kept aside")
                    .get().satisfies(p -> assertThat(Files.size(p)).isEqualTo(tornSize - Files.size(seg)));
        }
        Verification after = Journal.verify(dir);
        assertThat(after.ok()).isTrue();
        assertThat(after.tornTail()).isFalse();
        assertThat(after.headHash()).isEqualTo(written.get(4).hash());
    }

    @Test
    void zerosLeftByTheFileSystemAfterACrashAreATornTailToo() throws Exception {
        Path dir = Files.createTempDirectory("journal-zeros");
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 3; i++) j.append(draft("drill", i));
        }
        Files.write(segments(dir).get(0), new byte[4096], StandardOpenOption.APPEND);
        assertThat(replay(dir)).hasSize(3);
        assertThat(Journal.verify(dir).tornTail()).isFalse();
    }

    @Test
    void damageInTheMiddleStopsTheStartNamingFileAndOffset() throws Exception {
        Path dir = Files.createTempDirectory("journal-damage");
        List<JournalEvent> written = new ArrayList<>();
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 6; i++) written.add(j.append(draft("incident", i)));
        }
        Path seg = segments(dir).get(0);
        long thirdEntry = offsetOf(seg, 2);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(thirdEntry + 20);
            f.write('X');
        }
        assertThatThrownBy(() -> Journal.open(dir, Journal.Options.DEFAULT, e -> { }))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(seg.toString()).hasMessageContaining("at byte " + thirdEntry)
                .hasMessageContaining("cut-at-damage");
        Verification v = Journal.verify(dir);
        assertThat(v.ok()).isFalse();
        assertThat(v.offset()).isEqualTo(thirdEntry);
        assertThat(v.events()).isEqualTo(2);

        // the documented way out keeps the good prefix and moves the rest aside
        List<JournalEvent> kept = new ArrayList<>();
        try (Journal j = Journal.open(dir, new Journal.Options(Journal.Options.DEFAULT.segmentBytes(), true), kept::add)) {
            assertThat(kept).isEqualTo(written.subList(0, 2));
            assertThat(j.append(draft("incident", 7)).seq()).isEqualTo(3);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.anyMatch(p -> p.getFileName().toString().startsWith("damaged-"))).isTrue();
        }
        assertThat(Journal.verify(dir).ok()).isTrue();
    }

    @Test
    void aDamagedLengthMidSegmentStopsTheStartAndCutsNothing() throws Exception {
        // an independent test flipped bit 19 of one entry's length: the start took it for a torn tail and cut 315 events
        Path dir = Files.createTempDirectory("journal-length");
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 60; i++) j.append(draft("drill", i));
        }
        Path seg = segments(dir).get(0);
        long tenth = offsetOf(seg, 9);
        long size = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(tenth);
            int len = f.readInt();
            f.seek(tenth);
            f.writeInt(len ^ (1 << 19));
        }
        assertThatThrownBy(() -> Journal.open(dir, Journal.Options.DEFAULT, e -> { })).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(seg.toString()).hasMessageContaining("at byte " + tenth).hasMessageContaining("not a torn tail");
        assertThat(Files.size(seg)).as("nothing cut").isEqualTo(size);
        Verification v = Journal.verify(dir);
        assertThat(v.ok()).isFalse();
        assertThat(v.tornTail()).isFalse();
        assertThat(v.offset()).isEqualTo(tenth);
        assertThat(v.events()).isEqualTo(9);
    }

    @Test
    void wholeEntriesCutFromTheEndAreCaughtByTheAnchor() throws Exception {
        Path dir = Files.createTempDirectory("journal-cut");
        List<JournalEvent> written = new ArrayList<>();
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 20; i++) written.add(j.append(draft("incident", i)));
        } // the anchor is written at close (and every emcomm.journal.anchor-interval)
        Path seg = segments(dir).get(0);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(offsetOf(seg, 15)); // five whole entries gone: every CRC and link that is left still holds
        }
        assertThatThrownBy(() -> Journal.open(dir, Journal.Options.DEFAULT, e -> { })).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("ends at seq 15").hasMessageContaining("says seq 20").hasMessageContaining("whole entries are missing");
        Verification v = Journal.verify(dir);
        assertThat(v.ok()).as("the offline check fails the same way").isFalse();
        assertThat(v.problem()).contains("whole entries are missing");
        // told to go on, the journal keeps what is there and the old anchor aside
        List<JournalEvent> kept = new ArrayList<>();
        try (Journal j = Journal.open(dir, new Journal.Options(Journal.Options.DEFAULT.segmentBytes(), true), kept::add)) {
            assertThat(kept).isEqualTo(written.subList(0, 15));
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.anyMatch(p -> p.getFileName().toString().startsWith("head.anchor.anchor-from-"))).isTrue();
        }
        assertThat(Journal.verify(dir).ok()).isTrue();
    }

    @Test
    void aRewrittenEventWithAValidCrcStillFailsTheChain() throws Exception {
        Path dir = Files.createTempDirectory("journal-tamper");
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 4; i++) j.append(draft("incident", i));
        }
        // rewrite event 2's payload and recompute its CRC: only the hash chain can tell
        Path seg = segments(dir).get(0);
        byte[] all = Files.readAllBytes(seg);
        long start = offsetOf(seg, 1);
        long end = offsetOf(seg, 2);
        String json = new String(all, (int) start + 8, (int) (end - start - 8), StandardCharsets.UTF_8);
        byte[] forged = json.replace("\\\"n\\\":1", "\\\"n\\\":0").getBytes(StandardCharsets.UTF_8);
        assertThat(forged.length).isEqualTo((int) (end - start - 8));
        java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(8 + forged.length);
        EntryCodec.write(entry, forged);
        System.arraycopy(entry.array(), 0, all, (int) start, entry.capacity());
        Files.write(seg, all);

        Verification v = Journal.verify(dir);
        assertThat(v.ok()).isFalse();
        assertThat(v.problem()).contains("seq 2").contains("content was changed");
        assertThat(v.offset()).isEqualTo(start);
    }

    @Test
    void subscribersGetTheStoredEventsThenTheNewOnesWithNoGap() throws Exception {
        Path dir = Files.createTempDirectory("journal-sub");
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            for (int i = 0; i < 5; i++) j.append(draft("audit", i));
            j.subscribe(2, e -> seen.add(e.seq()));
            for (int i = 0; i < 3; i++) j.append(draft("audit", i));
        }
        assertThat(seen).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
    }

    static List<Path> segments(Path dir) throws Exception {
        return JournalScanner.segments(dir);
    }

    /** Byte offset of the n-th entry (0-based) in a segment. */
    static long offsetOf(Path seg, int n) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "r")) {
            long pos = 0;
            for (int i = 0; i < n; i++) {
                f.seek(pos);
                pos += 8 + f.readInt();
            }
            return pos;
        }
    }

    /**
     * A full disk: on a 1 MB tmpfs where this machine lets the test mount one (a write really cut short), else with the
     * write refused the way Linux refuses it. The refused append throws, the segment keeps no byte of it, the stream's
     * numbers are not used up, and once space returns the next append continues the chain with no restart; a reopen
     * finds every event whole and no torn tail.
     */
    @Test
    void aFullDiskRefusesAWriteWholeAndTheJournalGoesOnWhenSpaceReturns() throws Exception {
        Path mount = Files.createTempDirectory("journal-small-disk");
        boolean tmpfs = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()).redirectErrorStream(true).start().waitFor() == 0;
        boolean[] full = {false};
        Journal.WriteCheck check = (file, bytes) -> {
            if (full[0]) throw new java.io.IOException("No space left on device");
        };
        Path dir = mount.resolve("journal");
        String big = "x".repeat(60_000);
        try (Journal j = Journal.open(dir, new Journal.Options(64L << 20, false, check, java.time.Clock.systemUTC()), e -> { })) {
            List<JournalEvent> stored = new ArrayList<>();
            JournalUnavailableException refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                if (!tmpfs && i == 5) full[0] = true;
                long before = Files.size(JournalScanner.segments(dir).get(JournalScanner.segments(dir).size() - 1));
                try {
                    stored.add(j.append(new JournalEvent.Draft("drill", "drill.changed", "D-1", "coord", "{\"big\":\"" + big + "\"}", T0.plusSeconds(i))));
                } catch (JournalUnavailableException e) {
                    refused = e;
                    Path last = JournalScanner.segments(dir).get(JournalScanner.segments(dir).size() - 1);
                    assertThat(Files.size(last)).as("no byte of the refused write stays").isEqualTo(before);
                }
            }
            assertThat(refused).as("the disk filled").isNotNull();
            assertThat(refused.getMessage()).containsIgnoringCase("no space").contains("nothing of this request was stored");
            assertThat(j.outage()).isNotNull();
            assertThat(Journal.verify(dir).ok()).as("the chain on disk holds while full").isTrue();

            if (tmpfs) {
                // make room: the filler is the journal's own bytes here, so the tmpfs grows instead
                assertThat(new ProcessBuilder("mount", "-o", "remount,size=4m", mount.toString()).start().waitFor()).isZero();
            } else {
                full[0] = false;
            }
            JournalEvent next = j.append(draft("drill", 1));
            assertThat(next.seq()).isEqualTo(stored.size() + 1L);
            assertThat(next.streamSeq()).as("the refused event used no stream number").isEqualTo(stored.size() + 1L);
            assertThat(next.prevHash()).isEqualTo(stored.get(stored.size() - 1).hash());
            assertThat(j.outage()).isNull();
            assertThat(j.lastOutage().until()).isNotNull();
            assertThat(j.lastOutage().refused()).isEqualTo(1);
            System.out.printf("journal full disk (%s): %d events stored, 1 refused whole, the next one continues the chain%n",
                    tmpfs ? "1 MB tmpfs" : "refused writes", stored.size());
        } finally {
            try {
                assertThat(Journal.verify(dir).tornTail()).isFalse();
                assertThat(Journal.verify(dir).ok()).isTrue();
                assertThat(replay(dir)).isNotEmpty();
            } finally {
                if (tmpfs) new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
            }
        }
    }
}
