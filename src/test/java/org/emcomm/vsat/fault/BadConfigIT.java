package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.testing.Await;
import org.emcomm.vsat.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration, against the packaged service. At start: broken YAML, an unknown key, a dangling reference and a
 * duplicate id each stop the process with a message naming the file, the line and the key. Hot: the same mistakes
 * written into the folder of a running service are refused (by the watch and by POST /api/config/reload) and the
 * running configuration stays; a good change to users.yaml is applied without a restart.
 */
class BadConfigIT {
    record Broken(String name, String file, String from, String to, String key) {}

    static final List<Broken> BROKEN = List.of(
            new Broken("broken YAML", "inventory.yaml", "terminals:", "terminals: [", "line"),
            new Broken("unknown key", "inventory.yaml", "lat: ", "colour: red, lat: ", "colour"),
            new Broken("dangling reference", "inventory.yaml", "hub: hub-gz", "hub: hub-nowhere", ".hub"),
            new Broken("duplicate id", "credentials.yaml", "  hub-v2c:", "  modem-v2c:", "modem-v2c"),
            new Broken("bad role", "users.yaml", "roles: [reviewer]", "roles: [overlord]", "users.rev.roles"));

    @Test
    void aBadConfigurationStopsTheStartNamingFileLineAndKey() throws Exception {
        for (Broken b : BROKEN) {
            Path config = FaultIT.network(30, "127.103");
            breakIt(config, b);
            Throwable failed = catchThrowable(() -> ServiceProcess.start("bad-config", FaultIT.props(config, Files.createTempDirectory("emcomm-bad"), "1h"),
                    Duration.ofSeconds(60)).close());
            assertThat(failed).as(b.name()).isNotNull().hasMessageContaining("exited with");
            String log = Files.readString(Path.of("target/it-logs/bad-config.log"));
            String line = log.lines().filter(l -> l.contains(b.file() + ":")).findFirst().orElse("(no line naming " + b.file() + ")");
            System.out.printf("bad config, %s: %s%n", b.name(), line.length() > 300 ? line.substring(0, 300) : line);
            assertThat(line).as(b.name()).contains(b.file()).containsPattern("line \\d+").contains(b.key());
            assertThat(log).as(b.name() + ": the message alone, not a stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
        }
    }

    @Test
    void aBadHotReloadKeepsTheRunningConfiguration() throws Exception {
        Path config = FaultIT.network(30, "127.104");
        Map<String, String> props = FaultIT.props(config, Files.createTempDirectory("emcomm-reload"), "1h");
        props.put("emcomm.config-watch", "500ms");
        String inventory = Files.readString(config.resolve("inventory.yaml"));
        try (ServiceProcess s = ServiceProcess.start("hot-reload", props, Duration.ofSeconds(60))) {
            int terminals = count(FaultIT.call(s, "GET", "/api/terminals", "op", null).body());
            for (Broken b : BROKEN) {
                String good = Files.readString(config.resolve(b.file()));
                breakIt(config, b);
                Await.until("the watch refusing " + b.name(), Duration.ofSeconds(10),
                        () -> body(s, "/api/config").contains("\"outcome\":\"REJECTED\"") && body(s, "/api/config").contains(b.file()), s::tail);
                HttpResponse<String> reload = FaultIT.call(s, "POST", "/api/config/reload", "adm", null);
                assertThat(reload.statusCode()).as(b.name()).isEqualTo(422);
                assertThat(reload.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(reload.body()).as(b.name()).contains(b.file()).containsPattern("line \\d+");
                // the running configuration stays: same terminals, the users of before still log in
                HttpResponse<String> still = FaultIT.call(s, "GET", "/api/terminals", "rev", null);
                assertThat(still.statusCode()).as("reviewer after refused %s", b.name()).isEqualTo(200);
                assertThat(count(still.body())).isEqualTo(terminals);
                Files.writeString(config.resolve(b.file()), good);
            }
            // A good change: a new user, at once.
            Files.writeString(config.resolve("users.yaml"), Files.readString(config.resolve("users.yaml"))
                    + "  night: {password: \"" + PasswordHash.hash(FaultIT.PASSWORD) + "\", roles: [operator]}\n");
            HttpResponse<String> applied = FaultIT.call(s, "POST", "/api/config/reload", "adm", null);
            assertThat(applied.statusCode()).isEqualTo(200);
            assertThat(applied.body()).contains("\"outcome\":\"APPLIED\"");
            assertThat(FaultIT.call(s, "GET", "/api/terminals", "night", null).statusCode()).isEqualTo(200);
            // A good change to the inventory is checked and waits for a restart.
            Files.writeString(config.resolve("inventory.yaml"), inventory.replace("指挥所 1\"", "指挥所 一\""));
            assertThat(FaultIT.call(s, "POST", "/api/config/reload", "adm", null).body()).contains("\"outcome\":\"RESTART_REQUIRED\"");
            assertThat(Files.readString(s.log)).contains("configuration change in").contains("refused, the running configuration stays");
        }
    }

    static void breakIt(Path config, Broken b) throws Exception {
        Path f = config.resolve(b.file());
        String text = Files.readString(f);
        assertThat(text).as("%s in %s", b.from(), b.file()).contains(b.from());
        Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(b.from()), java.util.regex.Matcher.quoteReplacement(b.to())));
    }

    static String body(ServiceProcess s, String path) {
        try {
            return FaultIT.call(s, "GET", path, "adm", null).body();
        } catch (Exception e) {
            return "";
        }
    }

    static int count(String terminalsJson) {
        return terminalsJson.split("\"lastPollStatus\"", -1).length - 1;
    }
}
