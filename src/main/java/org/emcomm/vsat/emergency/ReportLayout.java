package org.emcomm.vsat.emergency;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.emcomm.vsat.config.Times;
import org.emcomm.vsat.document.Layout;
import org.emcomm.vsat.document.Layout.Field;
import org.emcomm.vsat.document.Layout.Label;
import org.emcomm.vsat.document.Layout.Table;

/**
 * A status report laid out once for people, in Chinese and English, as a document the authority files: the
 * issuing organisation, document number and classification; the facts in words, including how far the fresh
 * poll came; summary tables by prefecture and county; the critical terminals that are not online; hubs, beams,
 * open incidents and support tasks; then, up to the annex limit (or on request), every terminal in an annex;
 * and the signature block. Times in the configured zone, to the second. The HTML print view and the PDF both
 * render this layout.
 */
final class ReportLayout {
    private ReportLayout() {}

    static final Label TITLE = new Label("通信网络运行情况报告", "Network Status Report");

    /** The authority's document settings (emcomm.emergencies.report.*); {@code annex}: list every terminal. */
    record Settings(String organisation, String documentNumber, String classification, boolean annex) {}

    static Layout of(Emergency e, StatusReport r, ZoneId zone, Settings settings, Function<String, String> regionNames) {
        NetworkFacts facts = r.facts();
        NetworkFacts.Counts c = facts.counts();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(new Label("报告类型", "Report type"), r.kind().zh() + " " + r.kind().en() + " · 第 " + r.number() + " 号 No. " + r.number()));
        fields.add(new Field(new Label("报告状态", "Status"), r.status() == StatusReport.Status.SUBMITTED ? "已报送 Submitted" : "草稿 Draft"));
        fields.add(new Field(new Label("截至时间", "As of"), Times.text(facts.asOf(), zone)));
        fields.add(new Field(new Label("突发事件", "Emergency"), e.id() + " " + e.title()));
        fields.add(new Field(new Label("事件类型", "Type"), e.type().zh() + " " + e.type().name().toLowerCase(Locale.ROOT)));
        fields.add(new Field(new Label("影响区域", "Area"), String.join("、", e.regions().stream().map(id -> name(regionNames, id)).toList())));
        fields.add(new Field(new Label("发生时间", "Onset"), Times.text(e.onsetAt(), zone)));
        fields.add(new Field(new Label("宣布时间", "Declared at"), Times.text(e.declaredAt(), zone)));
        fields.add(new Field(new Label("报送时限", "Report due"), Times.text(e.clock().dueAt(), zone)));
        fields.add(new Field(new Label("报送时间", "Submitted at"), Times.text(r.submittedAt(), zone)));
        fields.add(new Field(new Label("终端总数", "Total terminals"), Integer.toString(c.total())));
        fields.add(new Field(new Label("在线", "Online"), Integer.toString(c.online())));
        fields.add(new Field(new Label("性能下降", "Degraded"), Integer.toString(c.degraded())));
        fields.add(new Field(new Label("离线", "Offline"), Integer.toString(c.offline())));
        fields.add(new Field(new Label("状态未知", "Unknown"), Integer.toString(c.unknown())));
        fields.add(new Field(new Label("未确认", "Unconfirmed"), c.unconfirmed() + (c.unconfirmed() == 0 ? ""
                : "（本次轮询未应答，按最后已知状态列出） (no answer to this poll; listed with their last known state)")));
        fields.add(new Field(new Label("重要终端", "Critical terminals"), c.critical() + " (离线 offline " + c.criticalOffline() + ")"));
        fields.add(new Field(new Label("实时轮询", "Fresh poll"), pollText(facts.poll(), zone)));
        StatusReport.Narrative n = r.narrative();
        fields.add(new Field(new Label("情况概述", "Summary"), text(n.summary())));
        fields.add(new Field(new Label("采取措施", "Actions taken"), text(n.actionsTaken())));
        fields.add(new Field(new Label("预计恢复", "Restoration estimate"), text(n.restorationEstimate())));
        fields.add(new Field(new Label("下次报告", "Next update"), Times.text(n.nextUpdateAt(), zone)));

        List<Table> tables = new ArrayList<>();
        List<Label> countColumns = List.of(new Label("终端", "Terminals"), new Label("在线", "Online"), new Label("下降", "Degraded"),
                new Label("离线", "Offline"), new Label("未知", "Unknown"), new Label("未确认", "Unconf."), new Label("重要离线", "Crit. off"),
                new Label("应答", "Answered"), new Label("未应答", "No ans."), new Label("等待", "Waiting"));
        List<NetworkFacts.AreaFact> areas = facts.areas() == null ? List.of() : facts.areas();
        tables.add(areaTable(new Label("按地市汇总", "By prefecture"), new Label("地市", "Prefecture"), countColumns,
                areas.stream().filter(a -> "PREFECTURE".equals(a.level())).toList(), null));
        tables.add(areaTable(new Label("按区县汇总", "By county"), new Label("区县", "County"), countColumns,
                areas.stream().filter(a -> "COUNTY".equals(a.level())).toList(), id -> name(regionNames, id)));

        List<Label> terminalColumns = List.of(new Label("终端", "Terminal"), new Label("站点", "Site"), new Label("区域", "Region"),
                new Label("状态", "State"), new Label("最后在线", "Last seen"), new Label("Es/No", "dB"), new Label("接收电平", "Rx dBm"),
                new Label("原因", "Reason"));
        double[] tw = {1.0, 1.4, 0.9, 1.15, 1.0, 0.45, 0.55, 2.1};
        List<List<String>> criticalRows = new ArrayList<>();
        int criticalOnline = 0;
        for (NetworkFacts.TerminalFact t : facts.terminals()) {
            if (!t.critical()) continue;
            if (reported(t) == NetworkFacts.Reported.ONLINE) criticalOnline++;
            else criticalRows.add(row(t, zone));
        }
        Label none = new Label("区域内没有终端", "No terminals in this area");
        tables.add(new Table(new Label("重要终端（指挥所）：未在线的", "Critical terminals (command posts) not online"), terminalColumns, tw, criticalRows,
                c.total() == 0 ? none : c.critical() == 0 ? new Label("区域内没有重要终端", "No critical terminals in this area")
                        : new Label("全部 " + c.critical() + " 个重要终端在线", "All " + c.critical() + " critical terminals are online"),
                criticalRows.isEmpty() || criticalOnline == 0 ? null
                        : new Label("其余 " + criticalOnline + " 个重要终端在线。", "The other " + criticalOnline + " critical terminals are online.")));
        tables.add(new Table(new Label("主站", "Hubs"), List.of(new Label("主站", "Hub"), new Label("名称", "Name"), new Label("状态", "State"),
                new Label("终端", "Terminals"), new Label("离线", "Offline")), new double[]{1, 2, 1.4, 0.8, 0.8},
                facts.hubs().stream().map(h -> List.of(h.id(), h.name(), hubState(h.state()), Integer.toString(h.terminals()), Integer.toString(h.offline()))).toList(),
                new Label("无", "None")));
        tables.add(new Table(new Label("波束与转发器", "Beams and transponders"), List.of(new Label("波束", "Beam"), new Label("卫星", "Satellite"),
                new Label("转发器", "Transponder"), new Label("状态", "State"), new Label("终端", "Terminals"), new Label("离线", "Offline")),
                new double[]{1, 1, 1, 1, 0.8, 0.8},
                facts.beams().stream().map(b -> List.of(b.id(), text(b.satellite()), text(b.transponder()), "OUTAGE".equals(b.state()) ? "中断 OUTAGE" : "正常 OK",
                        Integer.toString(b.terminals()), Integer.toString(b.offline()))).toList(), new Label("无", "None")));
        tables.add(new Table(new Label("未结事件", "Open incidents"), List.of(new Label("编号", "Id"), new Label("事件", "Incident"),
                new Label("响应级别", "Level"), new Label("重大", "Major"), new Label("状态", "Status"), new Label("发生", "Opened")),
                new double[]{1, 3, 0.8, 0.6, 1.1, 1.6},
                facts.incidents().stream().map(i -> List.of(i.id(), i.title(), level(i.level()), i.major() ? "是 yes" : "否 no", incidentStatus(i.status()),
                        Times.text(i.openedAt(), zone))).toList(),
                new Label("区域内无未结事件", "No open incidents in this area")));
        tables.add(new Table(new Label("保障任务", "Support tasks"), List.of(new Label("编号", "Id"), new Label("任务", "Task"),
                new Label("队伍", "Team"), new Label("状态", "Status"), new Label("期限", "Due")), new double[]{1, 3, 1.4, 1, 1.6},
                facts.tasks().stream().map(t -> List.of(t.id(), t.title(), text(t.team()), t.status(), Times.text(t.dueAt(), zone))).toList(),
                new Label("尚无保障任务", "No support tasks yet")));
        if (settings.annex()) {
            tables.add(new Table(new Label("附件：逐终端明细", "Annex: every terminal"), terminalColumns, tw,
                    facts.terminals().stream().map(t -> row(t, zone)).toList(), none));
        } else if (!facts.terminals().isEmpty()) {
            tables.add(new Table(new Label("附件：逐终端明细", "Annex: every terminal"), terminalColumns, tw, List.of(),
                    new Label("共 " + facts.terminals().size() + " 行，见本报告的 CSV 导出（format=csv）或 PDF 附件版（annex=true）。",
                            facts.terminals().size() + " rows: see this report's CSV export (format=csv), or the PDF with its annex (annex=true).")));
        }
        String number = settings.documentNumber() == null ? null : settings.documentNumber()
                .replace("{year}", Integer.toString(e.declaredAt().atZone(zone).getYear())).replace("{emergency}", e.id())
                .replace("{report}", r.id()).replace("{number}", Integer.toString(r.number()));
        List<Field> signature = new ArrayList<>(List.of(new Field(new Label("填报人", "Prepared by"), n.preparedBy() != null ? n.preparedBy() : r.draftedBy()),
                new Field(new Label("审核人", "Approved by"), r.approvedBy()), new Field(new Label("签发人", "Issued by"), null)));
        if (r.recordHead() != null) {
            signature.add(new Field(new Label("记录链", "Record chain"), "seq " + r.recordHead().seq() + " · SHA-256 " + r.recordHead().hash()));
        }
        return new Layout(new Layout.Heading(settings.organisation(), number, settings.classification()), TITLE.both(), fields, tables, signature);
    }

    private static Table areaTable(Label title, Label first, List<Label> counts, List<NetworkFacts.AreaFact> areas, Function<String, String> parentName) {
        List<Label> columns = new ArrayList<>();
        columns.add(first);
        if (parentName != null) columns.add(new Label("地市", "Prefecture"));
        columns.addAll(counts);
        double[] widths = new double[columns.size()];
        for (int i = 0; i < widths.length; i++) widths[i] = i == 0 ? 1.8 : i == 1 && parentName != null ? 1.6 : 0.75;
        List<List<String>> rows = new ArrayList<>();
        for (NetworkFacts.AreaFact a : areas) {
            List<String> row = new ArrayList<>();
            row.add(a.name() == null ? a.id() : a.name());
            if (parentName != null) row.add(a.parent() == null ? "—" : parentName.apply(a.parent()));
            for (int v : new int[]{a.total(), a.online(), a.degraded(), a.offline(), a.unknown(), a.unconfirmed(), a.criticalOffline(), a.answered(),
                    a.noAnswer(), a.waiting()}) {
                row.add(Integer.toString(v));
            }
            rows.add(row);
        }
        return new Table(title, columns, widths, rows, new Label("无", "None"));
    }

    private static List<String> row(NetworkFacts.TerminalFact t, ZoneId zone) {
        NetworkFacts.Reported rep = reported(t);
        String reason = both(t.reasonZh(), t.reason());
        if (rep == NetworkFacts.Reported.UNCONFIRMED) {
            String known = Layout.terminalState(t.state());
            String when = Times.text(t.lastSeen(), zone);
            reason = ("WAITING".equals(t.freshPoll()) ? "轮询中；" : "本次轮询未应答；") + "最后已知 " + known + "（" + when + "） / "
                    + ("WAITING".equals(t.freshPoll()) ? "poll under way; " : "no answer to this poll; ") + "last known " + t.state() + " at " + when
                    + (t.reason() == null ? "" : " — " + both(t.reasonZh(), t.reason()));
        }
        return List.of(t.id(), t.site(), t.regionName() == null ? t.region() : t.regionName(), reportedText(rep),
                Times.text(t.lastSeen(), zone), num(t.esNo()), num(t.rxLevel()), reason);
    }

    /** How a terminal is counted; facts drafted before the fresh poll was recorded per terminal count by state. */
    static NetworkFacts.Reported reported(NetworkFacts.TerminalFact t) {
        if (t.reported() != null) return t.reported();
        return switch (t.state() == null ? "UNKNOWN" : t.state()) {
            case "UP" -> NetworkFacts.Reported.ONLINE;
            case "DEGRADED" -> NetworkFacts.Reported.DEGRADED;
            case "DOWN" -> NetworkFacts.Reported.OFFLINE;
            default -> NetworkFacts.Reported.UNKNOWN;
        };
    }

    static String reportedText(NetworkFacts.Reported r) {
        return switch (r) {
            case ONLINE -> "在线 UP";
            case DEGRADED -> "下降 DEGRADED";
            case OFFLINE -> "离线 DOWN";
            case UNKNOWN -> "未知 UNKNOWN";
            case UNCONFIRMED -> "未确认 UNCONFIRMED";
        };
    }

    /** "60 terminals polled from 19:05:12: 42 answered, 18 did not answer …", in both languages. */
    static String pollText(NetworkFacts.Poll p, ZoneId zone) {
        if (p == null || p.polled() == 0) return "区域内没有终端 / No terminals to poll";
        String from = p.startedAt() == null ? "" : Times.text(p.startedAt(), zone) + " ";
        String seconds = String.format(Locale.ROOT, "%.1f", p.millis() / 1000.0);
        String zh = from + "起实时轮询 " + p.polled() + " 个终端：" + p.answered() + " 个应答，" + p.noAnswer() + " 个未应答"
                + (p.complete() ? "；用时 " + seconds + " 秒" : "，" + p.waiting() + " 个仍在等待（截至 " + seconds + " 秒，尚未完成；按最后已知状态列出）");
        String en = p.polled() + " terminals polled" + (p.startedAt() == null ? "" : " from " + Times.clock(p.startedAt(), zone)) + ": " + p.answered()
                + " answered, " + p.noAnswer() + " did not answer" + (p.complete() ? " (finished in " + seconds + " s)"
                : ", " + p.waiting() + " still waited for (" + seconds + " s in, not finished: they are listed with their last known state)");
        return zh + "\n" + en;
    }

    /** A response level as the plan writes it: Ⅱ级. */
    static String level(String level) {
        try {
            return org.emcomm.vsat.incident.ResponseLevel.valueOf(level).numeral() + "级";
        } catch (RuntimeException e) {
            return text(level);
        }
    }

    private static String hubState(String s) {
        return switch (s) {
            case "OUTAGE" -> "中断 OUTAGE";
            case "UNREACHABLE" -> "网管无应答 NMS not answering";
            default -> "正常 OK";
        };
    }

    private static String incidentStatus(String s) {
        return switch (s) {
            case "OPEN" -> "处理中 open";
            case "ACKNOWLEDGED" -> "已确认 acknowledged";
            case "RESOLVED" -> "已解决 resolved";
            default -> s;
        };
    }

    private static String name(Function<String, String> names, String id) {
        String n = names == null ? null : names.apply(id);
        return n == null || n.isBlank() ? id : n;
    }

    private static String both(String zh, String en) {
        if (zh == null || zh.isBlank() || zh.equals(en)) return text(en);
        return zh + " / " + text(en);
    }

    private static String num(Double d) { return d == null ? "—" : String.format(Locale.ROOT, "%.1f", d); }

    private static String text(String s) { return s == null || s.isBlank() ? "—" : s; }
}
