package org.emcomm.vsat.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.health.TerminalStatus;
import org.emcomm.vsat.incident.Condition;
import org.emcomm.vsat.incident.Incident;
import org.emcomm.vsat.incident.IncidentStatus;
import org.emcomm.vsat.incident.ResponseLevel;
import org.emcomm.vsat.incident.Scope;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.FreshPoll;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status report as a document a ministry files, at province scale: 3,000 terminals, a tenth of them down, a hub's
 * remotes not answering, some still waited for, text a person typed with the characters of official Chinese (Ⅱ级,
 * full-width punctuation, ①, ℃) and one no font has. The PDF is read back with PDFBox, independently of the renderer:
 * its page count, and every character drawn checked against the glyphs of the font that drew it.
 */
class ReportDocumentTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-29T11:18:16.914308736Z");
    static final String TYPED = "已启动应急卫星保障Ⅱ级响应，“指挥所”通信基本正常：①泸定县３台终端离线；②气温－５℃，≥30 分钟恢复…… 🛰";
    static Inventory inventory;

    @BeforeAll
    static void network() throws Exception {
        Path dir = Files.createTempDirectory("emcomm-report-doc");
        NetworkGenerator.write(dir, 3_000, NetworkGenerator.Mix.DEMO, "127.95", 1161);
        inventory = new ConfigLoader(name -> null).load(dir, Path.of("config/profiles"));
    }

    /** A province-scale emergency's first report, drafted while part of the network is silent. */
    static Emergency emergency(StatusReport.Status status) {
        List<Terminal> area = List.copyOf(inventory.terminals());
        Map<String, TerminalStatus> statuses = new HashMap<>();
        FreshPoll poll = FreshPoll.started(area, NOW.minusSeconds(20));
        int i = 0;
        for (Terminal t : area) {
            i++;
            boolean behindSilentHub = t.viaHub() && t.hub().equals("hub-gz") && i % 7 == 0;
            TerminalState state = i % 10 == 3 ? TerminalState.DOWN : i % 20 == 5 ? TerminalState.DEGRADED : behindSilentHub ? TerminalState.UNKNOWN : TerminalState.UP;
            String reason = switch (state) {
                case DOWN -> "demodulator unlocked (3 in a row)";
                case DEGRADED -> "Es/No margin low (4.10)";
                case UNKNOWN -> "hub hub-gz agent 127.95.0.2:1161 did not answer (TIMEOUT: no response) (3 in a row)";
                default -> "all metrics within limits";
            };
            // down: no answer; degraded: an answer with Es/No at 4.1 dB; behind the silent hub: its hub did not answer
            Sample.PollStatus ps = behindSilentHub ? Sample.PollStatus.PARENT_UNREACHABLE : state == TerminalState.DOWN ? Sample.PollStatus.TIMEOUT
                    : Sample.PollStatus.ANSWERED;
            String esNo = inventory.profile(t.profile()).signals().esNo();
            Map<String, org.emcomm.vsat.polling.MetricValue> metrics = esNo == null || ps != Sample.PollStatus.ANSWERED ? Map.of()
                    : Map.of(esNo, new org.emcomm.vsat.polling.MetricValue.Reading(state == TerminalState.DEGRADED ? 4.1 : 11.5,
                            state == TerminalState.DEGRADED ? "4.1" : "11.5"));
            statuses.put(t.id(), new TerminalStatus(t, state, reason, NOW.minusSeconds(600), NOW, ps, NOW.minusSeconds(behindSilentHub ? 95 : 0), 0, 600_000,
                    metrics, List.of()));
            if (i % 50 == 7) continue; // still waited for
            poll.accept(new Sample(t.id(), NOW, ps, metrics, 600_000, null));
        }
        Incident hub = new Incident("INC-000007", "hub:hub-gz:HUB_OUTAGE", Condition.HUB_OUTAGE, new Scope(Scope.Kind.HUB, "hub-gz"), "Hub hub-gz outage",
                IncidentStatus.OPEN, ResponseLevel.II, false, new Incident.Classification("rule", "v1", false, null, null, NOW), "correlation",
                NOW, NOW, NOW, 1, 0, null, null, null, null, null, null, List.of(), List.of());
        NetworkFacts facts = ReportBuilder.build(inventory, area, statuses::get, poll, List.of(hub), List.of(), NOW);
        StatusReport report = new StatusReport("R1", "EM-000001", 1, ReportKind.INITIAL, status, NOW, "op", facts,
                new StatusReport.Narrative(TYPED, "派出 3 支队伍（含卫星应急通信车）", "约 2 小时", NOW.plus(Duration.ofHours(1)), "值班员 张三"),
                "值班长 李四", NOW, status == StatusReport.Status.SUBMITTED ? NOW : null, "op",
                status == StatusReport.Status.SUBMITTED ? new StatusReport.RecordHead(4242, HEAD_HASH) : null);
        return new Emergency("EM-000001", "泸定 6.8 级地震 Luding M6.8 earthquake", EmergencyType.EARTHQUAKE, List.of("sc", "yn", "gs", "gd", "fj", "he"),
                NOW.minusSeconds(900), NOW.minusSeconds(600), "op", new Emergency.Clock("declaration", Duration.ofMinutes(30), NOW.minusSeconds(600),
                NOW.plusSeconds(1200), null, List.of(), null), Emergency.Status.OPEN, null, null, null, List.of(report), List.of());
    }

    static ReportExports.Options options(Boolean annex) {
        EmcommConfig.Emergencies.Report settings = new EmcommConfig.Emergencies.Report() {
            public String organisation() { return "国家应急通信保障中心 National EmComm Support Centre"; }
            public String documentNumber() { return "应急通信〔{year}〕{emergency}-{number}号"; }
            public String classification() { return "内部 Internal"; }
            public int annexMaxTerminals() { return 200; }
        };
        return new ReportExports.Options(settings, annex, id -> inventory.region(id) == null ? null : inventory.region(id).name());
    }

    /** Every character drawn, with whether the font that drew it has a glyph for it. */
    static final class Drawn extends PDFTextStripper {
        /** The text as read, wrapped lines joined by a space. */
        String text;
        final StringBuilder drawn = new StringBuilder();
        final Set<String> missing = new TreeSet<>();

        @Override
        protected void processTextPosition(TextPosition p) {
            super.processTextPosition(p);
            PDFont f = p.getFont();
            drawn.append(p.getUnicode());
            try {
                for (int code : p.getCharacterCodes()) {
                    boolean has = f instanceof PDType0Font t0 ? t0.codeToGID(code) != 0
                            : f instanceof PDType1Font t1 && t1.hasGlyph(t1.getEncoding().getName(code));
                    if (!has) missing.add(p.getUnicode() + " (" + f.getName() + ")");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Drawn read(byte[] pdf, int[] pages) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pages[0] = doc.getNumberOfPages();
            Drawn d = new Drawn();
            d.text = d.getText(doc).replaceAll("\\s+", " ");
            return d;
        }
    }

    static final String HEAD_HASH = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    @Test
    void aSubmittedReportNamesTheRecordChainsHeadWhole() throws Exception {
        Emergency e = emergency(StatusReport.Status.SUBMITTED);
        Drawn d = read(ReportExports.pdf(e, e.reports().get(0), ZONE, options(null)), new int[1]);
        assertThat(d.missing).isEmpty();
        assertThat(d.text).contains("记录链 Record chain");
        assertThat(d.drawn.toString().replace(" ", "")).as("the whole hash, wrapped or not").contains("seq4242·SHA-256" + HEAD_HASH);
        assertThat(ReportExports.html(e, e.reports().get(0), ZONE, options(null))).contains(HEAD_HASH);
    }

    @Test
    void aProvinceScaleReportIsSummaryTablesOnAFewPagesAndEveryCharacterDrawnIsInItsFont() throws Exception {
        Emergency e = emergency(StatusReport.Status.DRAFT);
        StatusReport r = e.reports().get(0);
        assertThat(r.facts().counts().total()).isEqualTo(3_000);
        int[] pages = new int[1];
        Drawn d = read(ReportExports.pdf(e, r, ZONE, options(null)), pages);
        String text = d.text;
        assertThat(d.drawn.toString()).doesNotContain("?", "\uFFFD");
        assertThat(pages[0]).as("3,000 terminals: summary tables, the critical terminals not online, the rest in the CSV").isBetween(2, 8);
        assertThat(d.missing).as("characters drawn without a glyph in their font").isEmpty();
        assertThat(d.drawn.toString().replace(" ", "")).as("what the person typed, every character drawn as typed (wrapped across lines)")
                .contains(TYPED.replace(" ", "").replace("🛰", "[U+1F6F0]"));
        assertThat(text).as("levels as the plan writes them").contains("Ⅱ级")
                .as("area names, not ids").contains("四川省、云南省、甘肃省", "甘孜藏族自治州", "泸定县")
                .contains("国家应急通信保障中心", "应急通信〔2026〕EM-000001-1号", "内部 Internal", "签发 Signatures", "审核人 Approved by", "值班长 李四")
                .contains("按地市汇总", "By prefecture", "按区县汇总", "By county", "CSV")
                .as("times in the zone, to the second").contains("2026-11-29 19:18:16 +08:00").doesNotContain("11:18:16.914", "T11:18")
                .as("the fresh poll in words, as it stood").containsPattern("3000 terminals polled from \\d\\d:\\d\\d:\\d\\d: \\d+ answered, \\d+ did not answer, 60 still waited for")
                .as("reasons in plain words, without addresses").contains("主站网管无应答").doesNotContainPattern("127\\.95\\.\\d+\\.\\d+");
    }

    @Test
    void theAnnexListsEveryTerminalWhenAskedAndTheCsvAlwaysDoes() throws Exception {
        Emergency e = emergency(StatusReport.Status.SUBMITTED);
        StatusReport r = e.reports().get(0);
        int[] summary = new int[1], annex = new int[1];
        read(ReportExports.pdf(e, r, ZONE, options(false)), summary);
        Drawn d = read(ReportExports.pdf(e, r, ZONE, options(true)), annex);
        assertThat(annex[0]).as("3,000 rows in the annex").isGreaterThan(summary[0] + 40);
        assertThat(d.missing).isEmpty();
        assertThat(d.text).contains("附件：逐终端明细", "T-SC-03000".substring(0, 5), "未确认 UNCONFIRMED", "poll under way; last known UP at");
        List<String> csv = ReportExports.csv(e, r, ZONE).lines().toList();
        assertThat(csv).hasSize(3_001);
        assertThat(csv.get(0)).contains("reported,fresh_poll,reason,reason_zh");
        assertThat(csv.stream().filter(l -> l.contains(",NO_ANSWER,")).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).doesNotContainPattern("127\\.95\\.\\d+\\.\\d+"));
    }

    @Test
    void aSmallAreaKeepsEveryTerminalInThePdf() throws Exception {
        Emergency big = emergency(StatusReport.Status.DRAFT);
        NetworkFacts f = big.reports().get(0).facts();
        List<NetworkFacts.TerminalFact> few = new ArrayList<>(f.terminals().subList(0, 60));
        NetworkFacts small = new NetworkFacts(f.asOf(), f.poll(), f.counts(), few, f.areas(), f.hubs(), f.beams(), f.incidents(), f.tasks());
        StatusReport r = big.reports().get(0);
        StatusReport sr = new StatusReport(r.id(), r.emergency(), r.number(), r.kind(), r.status(), r.draftedAt(), r.draftedBy(), small, r.narrative(),
                r.approvedBy(), r.approvedAt(), r.submittedAt(), r.submittedBy());
        int[] pages = new int[1];
        Drawn d = read(ReportExports.pdf(big, sr, ZONE, options(null)), pages);
        assertThat(d.text).contains("附件：逐终端明细", few.get(59).id());
        assertThat(d.missing).isEmpty();
    }
}
