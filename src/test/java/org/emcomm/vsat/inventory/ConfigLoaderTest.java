package org.emcomm.vsat.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    static final Path PROFILES = Path.of("config/profiles");
    static final String CREDENTIALS = """
            credentials:
              c2: {version: v2c, community: "${COMMUNITY:public}"}
              c3: {version: v3, user: nms, auth: sha, authPassword: "${AUTH}", priv: aes128, privPassword: "priv-pass-1"}
            """;
    static final String BASE = """
            satellites: [{id: sat, name: S}]
            beams: [{id: b1, satellite: sat}]
            regions:
              - {id: p, level: province}
              - {id: p-c, level: prefecture, parent: p}
            hubs:
              - {id: h1, region: p, beams: [b1], agent: "127.0.0.1:1161", profile: idirect-nms, credential: c3}
              - {id: h2, region: p}
            terminals:
              - {id: T1, region: p-c, hub: h1, beam: b1, lat: 30, lon: 104, row: 1001}
              - {id: T2, region: p-c, hub: h2, beam: b1, lat: 30, lon: 104, profile: comtech-cdm570, credential: c2, agent: "127.0.0.1:1162"}
            """;

    final ConfigLoader loader = new ConfigLoader(Map.of("AUTH", "auth-pass-1", "COMMUNITY", "s3cret-community")::get);

    Inventory load(Path dir, String inventory) throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), inventory);
        Files.writeString(dir.resolve("credentials.yaml"), CREDENTIALS);
        return loader.load(dir, PROFILES);
    }

    @Test
    void loadsAValidInventoryWithBothTerminalShapes(@TempDir Path dir) throws Exception {
        Inventory inv = load(dir, BASE);
        assertThat(inv.terminal("T1").viaHub()).isTrue();
        assertThat(inv.terminal("T1").profile()).isEqualTo("idirect-nms");
        assertThat(inv.terminal("T1").credential()).isEqualTo("c3");
        assertThat(inv.terminal("T2").agent()).isEqualTo(new AgentAddress("127.0.0.1", 1162));
        assertThat(inv.within("p-c", "p")).isTrue();
        assertThat(inv.province("p-c").id()).isEqualTo("p");
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverPrint(@TempDir Path dir) throws Exception {
        Inventory inv = load(dir, BASE);
        Credential.Community c = (Credential.Community) inv.credential("c2");
        assertThat(c.community().reveal()).isEqualTo("s3cret-community");
        assertThat(c.toString()).doesNotContain("s3cret").contains("<secret>");
        Credential.Usm u = (Credential.Usm) inv.credential("c3");
        assertThat(u.toString()).doesNotContain("auth-pass-1").doesNotContain("priv-pass-1");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(u)).doesNotContain("auth-pass-1");
    }

    @Test
    void aMissingEnvironmentVariableNamesTheKeyNotTheValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  c: {version: v2c, community: \"${NOT_SET_ANYWHERE}\"}\n");
        assertThatThrownBy(() -> new ConfigLoader(k -> null).loadCredentials(dir.resolve("credentials.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("credentials.c.community").hasMessageContaining("NOT_SET_ANYWHERE is not set");
    }

    /**
     * A broken file whose error lands on a line holding a secret must not repeat it: the parser quotes the lines around an
     * error, and such a line may hold an inline community or pass phrase, or a ${VAR:default} with its default.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenWithSecrets")
    void aBrokenFileNeverRepeatsTheSecretsOnItsLines(String name, String file, String content, String secret, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), BASE);
        Files.writeString(dir.resolve("credentials.yaml"), CREDENTIALS);
        Files.writeString(dir.resolve(file), content);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
            if (file.equals("users.yaml")) org.emcomm.vsat.security.UsersFile.check(dir.resolve(file));
            else loader.load(dir, PROFILES);
        });
        // the premise: the parser's own message quotes the secret, so a loader passing it on would show it
        Throwable raw = org.assertj.core.api.Assertions.catchThrowable(() ->
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(Files.readString(dir.resolve(file))));
        assertThat(raw).as(name).isNotNull();
        assertThat(raw.getMessage()).as(name).contains(secret);
        assertThat(t).as(name).isInstanceOf(ConfigException.class).hasMessageContaining(file).hasMessageContaining("line ");
        assertThat(t.getMessage()).as(name).doesNotContain(secret);
    }

    static Stream<Arguments> brokenWithSecrets() {
        return Stream.of(
                Arguments.of("unclosed quote after a community", "credentials.yaml",
                        "credentials:\n  c2: {version: v2c, community: \"s3cret-community-1}\n", "s3cret-community-1"),
                Arguments.of("a character that starts no token, before a community", "credentials.yaml",
                        "credentials:\n  c2: {version: v2c, community: @s3cret-community-2}\n", "s3cret-community-2"),
                Arguments.of("a colon inside a ${VAR:default} password", "credentials.yaml",
                        "credentials:\n  c3: {version: v3, user: nms, auth: sha, authPassword: ${AUTH:def-3}: x}\n", "def-3"),
                Arguments.of("a stray brace after an inventory ${VAR:default}", "inventory.yaml",
                        BASE.replace("{id: h2, region: p}", "{id: h2, region: p, name: ${HUB_NAME:inline-secret-7}}}"), "inline-secret-7"),
                Arguments.of("a password hash after a character that starts no token", "users.yaml",
                        "users:\n  op: {password: @hash-5, roles: [operator]}\n", "hash-5"));
    }

    @Test
    void aDuplicateCredentialIsNamedThoughTheFileHoldsSecrets(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  a: {version: v2c, community: s3cret-9}\n  a: {version: v2c, community: s3cret-9}\n");
        assertThatThrownBy(() -> loader.loadCredentials(dir.resolve("credentials.yaml")))
                .hasMessageContaining("Duplicate field 'a'").hasMessageContaining("line 3").hasMessageNotContaining("s3cret-9");
    }

    @Test
    void oneV3UserNameCannotCarryTwoKeySets(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.yaml"), """
                credentials:
                  a: {version: v3, user: nms, auth: sha, authPassword: first-pass, priv: aes128, privPassword: first-pass}
                  b: {version: v3, user: nms, auth: sha, authPassword: other-pass, priv: aes128, privPassword: first-pass}
                """);
        assertThatThrownBy(() -> loader.loadCredentials(dir.resolve("credentials.yaml")))
                .hasMessageContaining("credentials.b.user").hasMessageContaining("also in credential 'a'")
                .hasMessageNotContaining("other-pass");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("unknown key", BASE.replace("lat: 30, lon: 104, row", "lat: 30, lon: 104, colour: red, row"),
                        "terminals[0]", "unknown key 'colour'"),
                Arguments.of("dangling hub", BASE.replace("hub: h1, beam", "hub: h9, beam"), "terminals[0].hub", "'h9' is not a known id in hubs"),
                Arguments.of("dangling region", BASE.replace("{id: T2, region: p-c", "{id: T2, region: nowhere"), "terminals[1].region", "'nowhere'"),
                Arguments.of("duplicate satellite id", BASE.replace("satellites: [{id: sat, name: S}]", "satellites: [{id: sat}, {id: sat}]"),
                        "satellites[1].id", "duplicate id 'sat'"),
                Arguments.of("duplicate terminal id", BASE.replace("{id: T2,", "{id: T1,"), "terminals[1].id", "duplicate id 'T1'"),
                Arguments.of("unknown profile", BASE.replace("profile: comtech-cdm570", "profile: acme-9000"), "terminals[1].profile", "unknown profile 'acme-9000'"),
                Arguments.of("unknown credential", BASE.replace("credential: c2", "credential: nope"), "terminals[1].credential", "unknown credential 'nope'"),
                Arguments.of("agent and row", BASE.replace("row: 1001}", "row: 1001, agent: \"127.0.0.1:9\"}"), "terminals[0]", "exactly one of"),
                Arguments.of("row on a hub without agent", BASE.replace("hub: h1, beam: b1, lat: 30, lon: 104, row", "hub: h2, beam: b1, lat: 30, lon: 104, row"),
                        "terminals[0].row", "hub h2 has no agent"),
                Arguments.of("bad port", BASE.replace("127.0.0.1:1162", "127.0.0.1:99999"), "terminals[1].agent", "out of 1..65535"),
                Arguments.of("a terminal at its hub agent's address and port", BASE.replace("127.0.0.1:1162", "127.0.0.1:1161"), "terminals[1].agent",
                        "agent 127.0.0.1:1161 is already hub h1's"),
                Arguments.of("latitude out of range", BASE.replace("{id: T2, region: p-c, hub: h2, beam: b1, lat: 30", "{id: T2, region: p-c, hub: h2, beam: b1, lat: 130"),
                        "terminals[1].lat", "out of"),
                Arguments.of("scalar profile on a hub", BASE.replace("profile: idirect-nms", "profile: comtech-cdm570"), "hubs[0].profile", "needs a table profile"),
                Arguments.of("province with a parent", BASE.replace("{id: p, level: province}", "{id: p, level: province, parent: p}"),
                        "regions[0].parent", "a province has no parent"),
                Arguments.of("bad region level", BASE.replace("level: prefecture", "level: town"), "regions[1].level", "'town' is not one of province, prefecture, county"),
                Arguments.of("duplicate key", BASE.replace("{id: sat, name: S}", "{id: sat, name: S, name: T}"), "", "Duplicate field 'name'"),
                Arguments.of("not YAML", "terminals: [ {id: T1", "terminals", "line 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenInventoryNamesFileKeyAndReason(String name, String inventory, String key, String reason, @TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, inventory))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("inventory.yaml")
                .hasMessageContaining(key)
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> brokenProfiles() {
        String scalar = "name: p\nshape: scalar\nmetrics:\n  - {name: st, oid: 1.3.6.1.4.1.1.1.0, type: enum, values: {0: ok, 1: broken}}\n"
                + "  - {name: n, oid: 1.3.6.1.4.1.1.2.0, type: integer}\n";
        return Stream.of(
                Arguments.of("an effect that is not one", scalar + "traps:\n  - {oid: 1.3.6.1.4.1.1.0.1, condition: terminal-down, by: {varbind: first, values: {1: explode}}}\n",
                        "traps[0].by.values.1", "'explode' is not 'raise|clear|ignore [condition…] [(name)]'"),
                Arguments.of("an unknown condition in an effect", scalar + "traps:\n  - {oid: 1.3.6.1.4.1.1.0.1, condition: terminal-down, by: {varbind: first, values: {1: raise terminal-gone}}}\n",
                        "traps[0].by.values.1", "'terminal-gone' is not one of"),
                Arguments.of("a code that is not a number", scalar + "traps:\n  - {oid: 1.3.6.1.4.1.1.0.1, condition: terminal-down, by: {varbind: first, values: {one: raise}}}\n",
                        "traps[0].by.values.one", "codes are integers"),
                Arguments.of("action and by", scalar + "traps:\n  - {oid: 1.3.6.1.4.1.1.0.1, condition: terminal-down, action: raise, by: {varbind: first, values: {1: raise}}}\n",
                        "traps[0].action", "either action or by"),
                Arguments.of("a filter with values and is", scalar + "traps:\n  - {oid: 1.3.6.1.6.3.1.1.5.3, condition: terminal-down, action: raise, only: {varbind: 1.3.6.1.2.1.2.2.1.1, values: [2], is: satellite-interface}}\n",
                        "traps[0].only", "exactly one of values"),
                Arguments.of("than an unknown metric", scalar + "state:\n  degraded: [{metric: n, op: lt, than: m}]\n", "state.degraded[0].than", "unknown metric 'm'"),
                Arguments.of("than with eq", scalar + "state:\n  degraded: [{metric: n, op: eq, than: st}]\n", "state.degraded[0].than", "only lt, le, gt and ge"),
                Arguments.of("a metric under neverWrite", scalar + "neverWrite: [1.3.6.1.4.1.1.2]\n", "metrics[1].oid", "under neverWrite 1.3.6.1.4.1.1.2"),
                Arguments.of("{ifIndex} without interface", scalar + "  - {name: ifs, oid: \"1.3.6.1.2.1.2.2.1.8.{ifIndex}\", type: integer}\n", "interface", "say how the interface is found"),
                Arguments.of("a bad ifDescr pattern", scalar + "  - {name: ifs, oid: \"1.3.6.1.2.1.2.2.1.8.{ifIndex}\", type: integer}\ninterface: {descr: [\"(sat\"]}\n",
                        "interface.descr[0]", "is not a regular expression"),
                Arguments.of("an octet-string index on a scalar", scalar + "index: octet-string\n", "index", "only a table profile has a row index"),
                Arguments.of("an unknown source", scalar.replace("type: integer}", "type: integer, source: hearsay}"), "metrics[1].source", "'hearsay' is not one of vendor-mib"),
                Arguments.of("a hub section on a scalar profile", scalar + "hub: {metrics: [{name: c, oid: 1.3.6.1.4.1.1.9, type: integer}], down: [{metric: c, op: gt, value: 0}]}\n",
                        "hub", "only a hub's (table) profile"),
                Arguments.of("a hub section without down", scalar.replace("shape: scalar", "shape: table")
                        + "hub: {metrics: [{name: c, oid: 1.3.6.1.4.1.1.9, type: integer}]}\n", "hub.down", "say which rows mean the hub is out of service"),
                Arguments.of("a hub-outage trap naming a remote", scalar.replace("shape: scalar", "shape: table")
                        + "traps:\n  - {oid: 1.3.6.1.4.1.1.0.2, condition: hub-outage, action: raise, row: 1.3.6.1.4.1.1.5}\n", "traps[0].row", "names no remote"),
                Arguments.of("a hub-outage trap on a modem", scalar + "traps:\n  - {oid: 1.3.6.1.4.1.1.0.2, condition: hub-outage, action: raise}\n",
                        "traps[0].condition", "hub-outage belongs to a hub's (table) profile"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenProfiles")
    void aBrokenProfileFormNamesTheKeyAndWhy(String name, String yaml, String key, String reason, @TempDir Path dir) throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("p.yaml"), yaml);
        assertThatThrownBy(() -> loader.loadProfiles(profiles)).as(name).hasMessageContaining("p.yaml").hasMessageContaining(key).hasMessageContaining(reason);
    }

    @Test
    void aStringRowIndexIsCheckedAgainstItsProfile(@TempDir Path dir) throws Exception {
        String inventory = BASE.replace("profile: idirect-nms", "profile: newtec-dialog");
        // a Dialog modem id may hold letters; a space is not an index
        assertThat(load(Files.createDirectories(dir.resolve("ok")), inventory.replace("row: 1001", "row: \"A-17\"")).terminal("T1").row()).isEqualTo("A-17");
        assertThatThrownBy(() -> load(Files.createDirectories(dir.resolve("bad")), inventory.replace("row: 1001", "row: \"A 17\"")))
                .hasMessageContaining("terminals[0].row").hasMessageContaining("is not a string index");
    }

    @Test
    void brokenProfileNamesItsFile(@TempDir Path dir) throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("bad.yaml"), """
                name: bad
                shape: scalar
                metrics:
                  - {name: esNo, oid: not.an.oid, type: integer}
                """);
        assertThatThrownBy(() -> loader.loadProfiles(profiles))
                .hasMessageContaining("bad.yaml").hasMessageContaining("metrics[0].oid").hasMessageContaining("not a numeric OID");
        Files.writeString(profiles.resolve("bad.yaml"), """
                name: bad
                shape: scalar
                metrics:
                  - {name: st, oid: 1.3.6.1.4.1.1.0, type: enum, values: {0: ok, 1: broken}}
                state:
                  down: [{metric: st, op: eq, value: borked}]
                """);
        assertThatThrownBy(() -> loader.loadProfiles(profiles))
                .hasMessageContaining("state.down[0].value").hasMessageContaining("'borked' is not a value of st");
    }

    @Test
    void shippedConfigurationsLoad() {
        Inventory example = ConfigLoader.withSystemEnvironment().load(Path.of("config"), PROFILES);
        assertThat(example.terminals()).isNotEmpty();
        Inventory demo = ConfigLoader.withSystemEnvironment().load(Path.of("config/demo"), PROFILES);
        assertThat(demo.terminals().size()).isGreaterThanOrEqualTo(300);
        assertThat(demo.hubs()).hasSize(2);
        assertThat(demo.beams()).hasSize(3);
        assertThat(demo.regions().stream().filter(r -> r.level() == Topology.RegionLevel.PROVINCE).count()).isGreaterThanOrEqualTo(5);
        assertThat(demo.profiles()).containsKeys("generic-mib2", "idirect-nms", "newtec-dialog", "comtech-cdm570");
        // the demo shows every shipped model
        assertThat(demo.terminals().stream().map(t -> t.profile()).distinct())
                .containsExactlyInAnyOrder("generic-mib2", "idirect-nms", "newtec-dialog", "comtech-cdm570", "comtech-cdm625", "newtec-mdm", "uhp");
    }
}
