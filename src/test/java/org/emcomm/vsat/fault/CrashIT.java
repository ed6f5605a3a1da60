package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * kill -9 while records are being written: four callers create support tasks as fast as the service answers,
 * the process is killed without warning, and a new process on the same data folder must hold every task whose
 * create call had answered 201, with the journal's hash chain verifying end to end.
 */
class CrashIT {
    @Test
    void everyAnsweredRecordSurvivesKillNine() throws Exception {
        Path config = FaultIT.network(60, "127.101");
        Path data = Files.createTempDirectory("emcomm-crash-data");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Pattern id = Pattern.compile("\"id\":\"(TASK-[^\"]+)\"");
        long killedAfter;
        try (ServiceProcess first = ServiceProcess.start("crash-1", FaultIT.props(config, data, "5s"), Duration.ofSeconds(60))) {
            String emergency = FaultIT.emergency(first);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int n = w;
                Thread t = new Thread(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        try {
                            String body = FaultIT.task(emergency, "Crash task " + n + "-" + (i++));
                            HttpResponse<String> r = FaultIT.call(first, "POST", "/api/tasks", "coord", body);
                            Matcher m = id.matcher(r.body());
                            if (r.statusCode() == 201 && m.find()) answered.add(m.group(1));
                            else failed.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet(); // the process is gone: the call never answered
                        }
                    }
                }, "writer-" + w);
                t.start();
                writers.add(t);
            }
            long start = System.nanoTime();
            while (answered.size() < 200 && System.nanoTime() - start < 30_000_000_000L) Thread.sleep(20);
            Process kill = new ProcessBuilder("kill", "-9", String.valueOf(first.pid())).start();
            assertThat(kill.waitFor()).isZero();
            killedAfter = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(500);
            stop.set(true);
            for (Thread t : writers) t.join(30_000);
        }
        int before = answered.size();
        try (ServiceProcess second = ServiceProcess.start("crash-2", FaultIT.props(config, data, "5s"), Duration.ofSeconds(60))) {
            String tasks = FaultIT.call(second, "GET", "/api/tasks", "rev", null).body();
            Set<String> stored = ConcurrentHashMap.newKeySet();
            Matcher m = id.matcher(tasks);
            while (m.find()) stored.add(m.group(1));
            List<String> lost = answered.stream().filter(i -> !stored.contains(i)).sorted().toList();
            String verify = FaultIT.call(second, "GET", "/api/journal/verify", "rev", null).body();
            System.out.printf("crash: kill -9 after %d ms of writing; %d creates answered 201, %d calls cut off; after restart %d tasks"
                    + " stored, %d answered ones missing; journal verify: %s%n", killedAfter, before, failed.get(), stored.size(), lost.size(), verify);
            assertThat(before).as("creates answered before the kill").isGreaterThan(50);
            assertThat(lost).as("tasks whose create had answered, missing after the restart").isEmpty();
            assertThat(verify).contains("\"ok\":true");
            assertThat(stored.size()).as("nothing stored that was never asked for").isLessThanOrEqualTo(before + 4);
        }
    }

    /**
     * A damaged length field in the middle of the journal (a bit flipped on disk) stops the start with one line naming
     * file and offset, and cuts nothing: an independent test saw the old start take it for a torn tail and cut 315 events.
     */
    @Test
    void aDamagedJournalStopsTheStartWithOneLineAndCutsNothing() throws Exception {
        Path config = FaultIT.network(30, "127.105");
        Path data = Files.createTempDirectory("emcomm-damage-data");
        try (ServiceProcess s = ServiceProcess.start("damage-1", FaultIT.props(config, data, "5s"), Duration.ofSeconds(60))) {
            String emergency = FaultIT.emergency(s);
            for (int i = 0; i < 40; i++) assertThat(FaultIT.call(s, "POST", "/api/tasks", "coord", FaultIT.task(emergency, "Task " + i)).statusCode()).isEqualTo(201);
        }
        Path seg;
        try (java.util.stream.Stream<Path> l = Files.list(data.resolve("journal"))) {
            seg = l.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
        long offset = 0;
        long size = Files.size(seg);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(seg.toFile(), "rw")) {
            for (int i = 0; i < 20; i++) { // the 21st entry
                f.seek(offset);
                offset += 8 + f.readInt();
            }
            f.seek(offset);
            int len = f.readInt();
            f.seek(offset);
            f.writeInt(len ^ (1 << 19));
        }
        Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() ->
                ServiceProcess.start("damage-2", FaultIT.props(config, data, "5s"), Duration.ofSeconds(60)).close());
        assertThat(failed).isNotNull().hasMessageContaining("exited with");
        String log = Files.readString(Path.of("target/it-logs/damage-2.log"));
        String line = log.lines().filter(l -> l.contains("journal damaged in")).findFirst().orElse("(no line naming the damage)");
        System.out.printf("damaged journal at start: %s%n", line.length() > 300 ? line.substring(0, 300) : line);
        assertThat(line).contains(seg.toString()).contains("at byte " + offset).contains("not a torn tail");
        assertThat(log).as("the message alone, not a stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
        assertThat(Files.size(seg)).as("nothing cut").isEqualTo(size);
    }
}
