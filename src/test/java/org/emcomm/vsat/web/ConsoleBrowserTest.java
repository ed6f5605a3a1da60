package org.emcomm.vsat.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emcomm.vsat.incident.IncidentService;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.SimulatorService;
import org.emcomm.vsat.testing.Browser;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.emcomm.vsat.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless chromium against the service on the demo-sized simulated network
 * (360 terminals, the demo's generator and mix): log in, acknowledge an incident a simulator
 * scenario raised, declare an emergency and submit its report, run a drill to its close with a
 * corrective action, switch language, and check what a reviewer may not touch. Each page is saved
 * as a screenshot under target/console-screenshots/.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.Profile.class)
class ConsoleBrowserTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() { return Set.of(TestClock.class); }

        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(DemoSizedNetwork.class)); }
    }

    /** The demo's shape: 360 terminals over 6 provinces, 2 hubs and 3 beams, on free loopback ports. */
    public static class DemoSizedNetwork extends SimulatedNetworkResource {
        @Override
        protected int terminals() { return 360; }

        @Override
        protected String ipPrefix() { return "127.86"; }
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject TestClock clock;
    @Inject SimulatorService simulator;
    @Inject IncidentService incidents;
    @Inject Inventory inventory;

    @BeforeAll
    static void freshScreenshots() throws java.io.IOException {
        browser = null;
        if (java.nio.file.Files.isDirectory(Browser.SHOTS)) {
            try (var old = java.nio.file.Files.list(Browser.SHOTS)) {
                for (java.nio.file.Path p : old.toList()) java.nio.file.Files.delete(p);
            }
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.close();
    }

    static RequestSpecification as(String user) { return IncidentApiTest.as(user); }

    void poll() { as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll").then().statusCode(200); }

    void advance(Duration d) {
        clock.advance(d);
        simulator.sweep();
    }

    void logIn(String user, String password) {
        browser.until(By.id("login"));
        browser.type(By.name("j_username"), user);
        browser.type(By.name("j_password"), password);
        browser.click(By.id("login-submit"));
    }

    void logOut() {
        browser.click(By.id("logout"));
        browser.until(By.id("login"));
        browser.open("#/");
    }

    /** Goes to a page and waits until it has drawn the API's data. */
    void page(String hash) {
        long before = browser.stamp();
        browser.open(hash);
        browser.loadedSince(before);
    }

    String badgeIn(String container) {
        return browser.until(By.cssSelector(container + " .badge")).getAttribute("data-value");
    }

    @Test
    void operatorCoordinatorAndReviewerWorkThroughTheConsole() throws Exception {
        try {
            walkThrough();
        } catch (Throwable e) {
            if (browser != null) {
                browser.shot("failure");
                System.err.println("console at failure: " + browser.driver.getCurrentUrl() + "\n" + browser.js("return document.body.innerText"));
            }
            throw e;
        }
    }

    void walkThrough() throws Exception {
        // A network with history: the first polls, then one terminal down long enough for an incident.
        poll();
        Terminal down = inventory.terminals().stream().filter(x -> x.profile().equals("comtech-cdm570")).findFirst().orElseThrow();
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json")
                .body(Map.of("type", "TERMINAL_DOWN", "target", down.id(), "durationSeconds", 3600)).post("/api/simulator/scenarios")
                .then().statusCode(201);
        for (int i = 0; i < 4; i++) {
            advance(Duration.ofSeconds(15));
            poll();
        }
        advance(Duration.ofSeconds(25));
        incidents.settle();
        JsonPath active = as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?status=ACTIVE").then().statusCode(200).extract().jsonPath();
        assertThat(active.getList("scopeId")).contains(down.id());
        String incident = active.getString("find { it.scopeId == '" + down.id() + "' }.id");

        browser = new Browser(root.toString(), "zh-CN");

        // 1. Log in: a wrong password is refused on the form, the right one opens the network overview in Chinese.
        browser.open("#/");
        browser.until(By.id("login"));
        // Every word the console shows exists in both languages.
        Object missing = browser.jsAsync("const done = arguments[arguments.length - 1];"
                + "import('/console/i18n.js').then(m => { const d = m._dictionaries;"
                + "done(Object.keys(d.en).filter(k => !(k in d.zh)).concat(Object.keys(d.zh).filter(k => !(k in d.en))).join(',')); })");
        assertThat(missing).as("keys in one language only").isEqualTo("");
        logIn(SimulatedNetworkResource.OPERATOR, "wrong-password");
        browser.textIn(By.cssSelector("#login .error"), "密码错误");
        browser.shot("01-login-refused");
        logIn(SimulatedNetworkResource.OPERATOR, SimulatedNetworkResource.PASSWORD);
        browser.textIn(By.cssSelector("#tiles .tile:first-child b"), "360");
        assertThat(browser.until(By.id("nav-overview")).getText()).isEqualTo("网络总览");
        assertThat(browser.until(By.cssSelector("#tiles [data-state=DOWN] b")).getText()).isEqualTo("1");
        assertThat(browser.all(By.cssSelector("svg.plot circle.dot"))).hasSize(360);
        assertThat(browser.all(By.cssSelector("svg.plot circle.dot.down"))).hasSize(1);
        assertThat(browser.until(By.cssSelector("svg.plot circle.dot.down")).getAttribute("data-terminal")).isEqualTo(down.id());
        browser.shot("02-overview");

        // The terminal's page: facts, metrics, a chart per metric from the polls so far.
        page("#/terminals/" + down.id());
        assertThat(badgeIn("#main .head")).isEqualTo("DOWN");
        assertThat(browser.all(By.cssSelector("#charts svg.chart path.line"))).isNotEmpty();
        assertThat(browser.until(By.id("terminal-incidents")).getText()).contains(incident);
        browser.shot("03-terminal-down");
        String healthy = inventory.terminals().stream().filter(x -> x.viaHub()).findFirst().orElseThrow().id();
        page("#/terminals/" + healthy);
        assertThat(badgeIn("#main .head")).isEqualTo("UP");
        assertThat(browser.until(By.cssSelector("#charts svg.chart path.line")).getAttribute("d")).as("a line through several polls").contains("L");
        browser.shot("03-terminal-up");

        // 2. Acknowledge the scenario's incident with a note.
        page("#/incidents");
        browser.until(By.cssSelector("tr[data-incident='" + incident + "']"));
        browser.shot("04-incidents");
        browser.click(By.cssSelector("tr[data-incident='" + incident + "'] a"));
        browser.until(By.id("incident-acknowledge"));
        assertThat(browser.present(By.id("classify-form"))).as("an operator does not classify").isFalse();
        browser.type(By.name("note"), "值班员已通知县级保障队 Team notified");
        browser.click(By.id("incident-acknowledge"));
        browser.until(d -> "ACKNOWLEDGED".equals(badgeIn("#main .head")));
        browser.textIn(By.id("incident-timeline"), "Team notified");
        // Live: a note another user adds through the API appears without a reload.
        as(SimulatedNetworkResource.ADMIN).contentType("application/json").body(Map.of("note", "hub engineer on site"))
                .post("/api/incidents/" + incident + "/notes").then().statusCode(200);
        browser.textIn(By.id("incident-timeline"), "hub engineer on site");
        browser.shot("05-incident");
        JsonPath acked = as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + incident).then().statusCode(200).extract().jsonPath();
        assertThat(acked.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.getString("acknowledgedBy")).isEqualTo(SimulatedNetworkResource.OPERATOR);

        // 3. Declare an emergency: the countdown runs; draft the report from a fresh poll and submit it.
        page("#/emergencies");
        browser.type(By.cssSelector("#declare-form [name=title]"), "四川地震 Sichuan earthquake");
        browser.choose(By.cssSelector("#declare-form [name=type]"), "EARTHQUAKE");
        browser.choose(By.cssSelector("#declare-form [name=regions]"), "sc");
        browser.click(By.id("declare"));
        browser.until(d -> d.findElement(By.cssSelector("#report-clock .countdown")).getText().matches("\\d+:\\d\\d"));
        assertThat(browser.until(By.cssSelector("#report-clock .countdown")).getText()).matches("(29|30):\\d\\d");
        String emergency = browser.driver.getCurrentUrl().replaceAll(".*#/emergencies/", "");
        browser.click(By.id("draft-report"));
        browser.until(By.cssSelector("[data-report=R1] form"));
        assertThat(browser.until(By.cssSelector("[data-report=R1] .tiles .tile:first-child b")).getText()).isEqualTo("60");
        browser.type(By.cssSelector("#report-form-R1 [name=summary]"), "四川60个终端中59个在线 59 of 60 Sichuan terminals online");
        browser.type(By.cssSelector("#report-form-R1 [name=actionsTaken]"), "备用终端已启用 Spare terminal deployed");
        browser.type(By.cssSelector("#report-form-R1 [name=approvedBy]"), "值班主任 Duty chief");
        browser.click(By.cssSelector("#report-form-R1 button[name=submit]"));
        browser.until(d -> "SUBMITTED".equals(badgeIn("[data-report=R1] .head")));
        browser.until(d -> browser.present(By.cssSelector("#report-clock .badge[data-value=ON_TIME]")));
        browser.shot("06-emergency");
        JsonPath em = as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + emergency).then().statusCode(200).extract().jsonPath();
        assertThat(em.getString("clock.state")).isEqualTo("ON_TIME");
        assertThat(em.getString("reports[0].status")).isEqualTo("SUBMITTED");
        String pdf = String.valueOf(browser.jsAsync("const done = arguments[0];"
                + "fetch(document.querySelector('[data-report=R1] a[data-format=pdf]').href, {credentials: 'same-origin'})"
                + ".then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' ' + new TextDecoder().decode(b.slice(0, 5)))))"));
        assertThat(pdf).isEqualTo("200 application/pdf %PDF-");
        // The print view under the service's Content-Security-Policy: its style block (let in by hash) applies, its
        // print button works from a script file, and nothing is refused.
        String view = String.valueOf(browser.js("return document.querySelector('[data-report=R1] a[data-format=html]').href"));
        browser.driver.get(view);
        browser.until(By.id("print"));
        assertThat(browser.js("return getComputedStyle(document.body).color")).as("the view's style applies").isEqualTo("rgb(17, 17, 17)");
        browser.js("window.print = () => { document.body.dataset.printed = 'yes'; };");
        browser.click(By.id("print"));
        assertThat(browser.js("return document.body.dataset.printed")).as("the print button's script ran").isEqualTo("yes");
        assertThat(browser.policyRefusals()).as("the print view").isEmpty();
        browser.driver.navigate().back();
        page("#/emergencies");
        browser.until(By.cssSelector("tr[data-emergency='" + emergency + "']"));
        browser.shot("07-emergencies");

        // A support task for the emergency, started from the list.
        page("#/tasks");
        browser.type(By.cssSelector("#task-form [name=title]"), "恢复县级链路 Restore the county link");
        browser.until(d -> !d.findElements(By.cssSelector("#task-form [name=emergency] option[value='" + emergency + "']")).isEmpty());
        browser.choose(By.cssSelector("#task-form [name=emergency]"), emergency);
        browser.type(By.cssSelector("#task-form [name=team]"), "应急保障三队 Team 3");
        browser.click(By.id("create-task"));
        browser.click(By.cssSelector("#task-list tr[data-task] button[name=start]"));
        browser.until(d -> browser.present(By.cssSelector("#task-list tr[data-task] .badge[data-value=IN_PROGRESS]")));
        browser.shot("08-tasks");
        logOut();

        // 4. A coordinator plans a drill, starts it (live verification), logs an inject and closes it with a corrective action.
        logIn(SimulatedNetworkResource.COORDINATOR, SimulatedNetworkResource.PASSWORD);
        browser.until(By.id("tiles"));
        assertThat(browser.present(By.id("poll-now"))).as("polling is the operator's").isFalse();
        page("#/drills");
        browser.type(By.cssSelector("#drill-form [name=codeName]"), "天府-1 Tianfu-1");
        browser.type(By.cssSelector("#drill-form [name=title]"), "县级指挥所卫星通信保障演练");
        browser.choose(By.cssSelector("#drill-form [name=type]"), "LIVE");
        browser.type(By.cssSelector("#drill-form [name=organiser]"), "省应急通信保障中心 Provincial EmComm Centre");
        browser.choose(By.cssSelector("#drill-form [name=regions]"), "sc-p1");
        browser.type(By.cssSelector("#drill-form [name=objectives]"), "30分钟内开通全部终端 Every terminal up in 30 min\n向指挥部报送图像 Video to the command post");
        browser.click(By.id("plan-drill"));
        browser.until(By.id("drill-start"));
        String drill = browser.driver.getCurrentUrl().replaceAll(".*#/drills/", "");
        browser.click(By.id("drill-start"));
        browser.until(By.cssSelector("#drill-verification table"));
        browser.type(By.cssSelector("#drill-event-form [name=content]"), "注入：县城通信中断 Inject: county town cut off");
        browser.click(By.id("log-event"));
        browser.textIn(By.id("drill-timeline"), "county town cut off");
        browser.choose(By.cssSelector("#drill-complete-form [name=rating-O1]"), "S");
        browser.choose(By.cssSelector("#drill-complete-form [name=rating-O2]"), "P");
        browser.type(By.cssSelector("#drill-complete-form [name=strengths]"), "开通迅速 Fast set-up");
        browser.type(By.cssSelector("#drill-complete-form [name=improvements]"), "备件不足 Too few spares");
        browser.type(By.cssSelector("#drill-complete-form [name=actionTitle]"), "每县配备用BUC Spare BUC per county");
        browser.type(By.cssSelector("#drill-complete-form [name=actionOwner]"), "后勤处 Logistics");
        String due = LocalDate.now(clock.withZone(ZONE)).plusMonths(1).toString();
        browser.js("arguments[0].value = arguments[1]", browser.until(By.cssSelector("#drill-complete-form [name=actionDue]")), due);
        browser.click(By.id("complete-drill"));
        browser.until(d -> "COMPLETED".equals(badgeIn("#main .head")));
        browser.textIn(By.id("drill-record"), "Spare BUC per county");
        browser.shot("10-drill");
        JsonPath closed = as(SimulatedNetworkResource.REVIEWER).get("/api/drills/" + drill).then().statusCode(200).extract().jsonPath();
        assertThat(closed.getString("status")).isEqualTo("COMPLETED");
        assertThat(closed.getList("ratings.rating")).containsExactly("PERFORMED_WITH_SOME_CHALLENGES", "PERFORMED_WITHOUT_CHALLENGES");
        assertThat(closed.getString("actions[0].title")).isEqualTo("每县配备用BUC Spare BUC per county");
        assertThat(closed.getString("actions[0].owner")).isEqualTo("后勤处 Logistics");
        assertThat(closed.getString("actions[0].dueAt")).startsWith(due);
        page("#/drills");
        browser.until(By.cssSelector("tr[data-drill='" + drill + "']"));
        browser.shot("09-drills");

        // 5. Switch language: the same page in English, and the choice survives a reload.
        page("#/compliance");
        browser.until(By.cssSelector("#indicators [data-indicator=drills]"));
        assertThat(browser.all(By.cssSelector("#indicators [data-indicator]"))).hasSize(5);
        browser.textIn(By.cssSelector("#indicators [data-indicator=drills] .big"), "1");
        browser.shot("11-compliance-zh");
        browser.click(By.id("lang"));
        browser.textIn(By.id("nav-overview"), "Network");
        browser.textIn(By.cssSelector("#main h1"), "Compliance");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
        browser.shot("12-compliance-en");
        browser.driver.navigate().refresh();
        browser.textIn(By.id("nav-overview"), "Network");
        logOut();

        // 6. A reviewer reads everything and sees no button that changes operations; the audit trail shows who did what.
        logIn(SimulatedNetworkResource.REVIEWER, SimulatedNetworkResource.PASSWORD);
        browser.until(By.id("tiles"));
        assertThat(browser.present(By.id("poll-now"))).isFalse();
        page("#/incidents/" + incident);
        assertThat(browser.present(By.id("incident-actions"))).isFalse();
        assertThat(browser.all(By.cssSelector("#main button"))).isEmpty();
        page("#/emergencies/" + emergency);
        assertThat(browser.all(By.cssSelector("#main button"))).isEmpty();
        assertThat(browser.all(By.cssSelector("#main form"))).isEmpty();
        page("#/tasks");
        assertThat(browser.all(By.cssSelector("#main button"))).isEmpty();
        page("#/drills/" + drill);
        assertThat(browser.all(By.cssSelector("#main button")).stream().filter(WebElement::isDisplayed)).isEmpty();
        page("#/drills");
        assertThat(browser.present(By.id("drill-form"))).isFalse();
        page("#/audit");
        browser.textIn(By.id("audit-list"), "incident.acknowledge");
        browser.textIn(By.id("audit-list"), "drill.complete");
        browser.shot("13-audit");
        // the traps received, unknown or refused, with names where the profiles or MIB files know them
        page("#/traps");
        browser.textIn(By.id("trap-counts"), "Unknown recorded");
        assertThat(browser.present(By.cssSelector("#trap-filters select[name=kind]"))).isTrue();
        page("#/");
        browser.shot("14-overview-reviewer-en");
        assertThat(browser.policyRefusals()).as("the Content-Security-Policy refused nothing the console does").isEmpty();
    }
}
