package org.emcomm.vsat.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The local sample store on a disk that fills up: a real 1 MB tmpfs, so an append really stops half-way (the test
 * needs root to mount one and is skipped without; DiskFullTest covers the service either way). What was polled while
 * the disk was full reads back whole once it has room, and a terminal whose file cannot be appended holds a bounded
 * amount in memory, the rest shed and counted.
 */
class LocalSampleStoreFullDiskTest {
    static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    static SamplePoint point(String terminal, Instant at, double esNo) {
        return new SamplePoint(terminal, "sc", "hub-bj", "beam-west", "comtech-cdm570", at, "UP", "ANSWERED", 600_000,
                Map.of("esNo", esNo, "rxLevel", -42.5, "txPower", 3.0));
    }

    @Test
    void samplesPolledWhileTheDiskWasFullReadBackWholeAndMemoryIsBounded() throws Exception {
        Path mount = Files.createTempDirectory("samples-small-disk");
        boolean tmpfs = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()).redirectErrorStream(true)
                .start().waitFor() == 0;
        Assumptions.assumeTrue(tmpfs, "a tmpfs cannot be mounted here (not root)");
        try (LocalSampleStore store = new LocalSampleStore(mount.resolve("samples"), Clock.fixed(T0, ZoneOffset.UTC), 8, Duration.ofHours(1))) {
            Instant at = T0;
            for (int i = 0; i < 10; i++, at = at.plusSeconds(60)) store.write(point("T-SC-00001", at, 10 + i));
            store.flush();
            // fill the disk to its last byte, then poll on: every append fails, some half-way through a page
            Path filler = mount.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE)) {
                byte[] b = new byte[512];
                while (true) out.write(b);
            } catch (IOException full) {
                assertThat(full.getMessage()).containsIgnoringCase("no space");
            }
            int polledWhileFull = 0;
            for (int i = 0; i < 600; i++, at = at.plusSeconds(60)) {
                store.write(point("T-SC-00001", at, 20 + i % 5));
                polledWhileFull++;
                if (i % 50 == 0) store.flush();
            }
            long shed = store.status().shed();
            assertThat(shed).as("past its bound, a terminal's samples are shed, not held without end").isPositive();
            Files.delete(filler);
            store.flush();
            List<HistoryPoint> back = store.history("T-SC-00001", List.of("esNo"), T0, at, null, 100_000);
            assertThat(back).as("every sample kept through the outage reads back, none garbled").hasSize(10 + polledWhileFull - (int) shed);
            for (int i = 1; i < back.size(); i++) assertThat(back.get(i).time()).isAfter(back.get(i - 1).time());
            assertThat(back).allSatisfy(p -> assertThat(p.metrics().get("esNo")).isBetween(10.0, 24.0));
            System.out.printf("sample store full disk (1 MB tmpfs): %d samples polled while full, %d kept and read back whole, %d shed%n",
                    polledWhileFull, polledWhileFull - shed, shed);
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }
}
