package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.emcomm.vsat.emergency.SupportTask;
import org.emcomm.vsat.journal.Journal;
import org.emcomm.vsat.journal.JournalService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.config.Ticker;
import org.emcomm.vsat.drill.Drill;
import org.emcomm.vsat.drill.DrillRecords;
import org.emcomm.vsat.drill.DrillYear;
import org.emcomm.vsat.emergency.Emergency;
import org.emcomm.vsat.emergency.EmergencyRecords;
import org.emcomm.vsat.emergency.SupportTaskService;
import org.emcomm.vsat.incident.Incident;
import org.emcomm.vsat.incident.IncidentRecords;

/**
 * The authority's indicators for any period, computed from the records as they stand: drills completed,
 * major incidents, status-report timeliness, support-task completion and availability (domain.md §1); their
 * scores and grade, the deviation causes written for those not met, and the live check that announces a turn
 * to AT_RISK or MISSED.
 */
@ApplicationScoped
public class ComplianceService {
    private final EmcommConfig config;
    private final DrillRecords drills;
    private final IncidentRecords incidents;
    private final EmergencyRecords emergencies;
    private final SupportTaskService tasks;
    private final AvailabilityService availability;
    private final ComplianceRecords records;
    private final JournalService journal;
    private final Clock clock;

    ComplianceService(EmcommConfig config, DrillRecords drills, IncidentRecords incidents, EmergencyRecords emergencies, SupportTaskService tasks,
                      AvailabilityService availability, ComplianceRecords records, JournalService journal, Clock clock) {
        this.config = config;
        this.drills = drills;
        this.incidents = incidents;
        this.emergencies = emergencies;
        this.tasks = tasks;
        this.availability = availability;
        this.records = records;
        this.journal = journal;
        this.clock = clock;
    }

    public ComplianceBook book() { return records.book(); }

    /** The calendar year in the configured zone that holds {@code at}. */
    public Period year(int year) {
        ZoneId zone = config.zone();
        return new Period(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant(), LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant());
    }

    public Period thisYear() { return year(clock.instant().atZone(config.zone()).getYear()); }

    public record Period(Instant from, Instant to) {
        boolean holds(Instant t) { return t != null && !t.isBefore(from) && t.isBefore(to); }
    }

    public List<Indicator> indicators(Period p) {
        Instant now = clock.instant();
        return List.of(drills(p, now), majorIncidents(p, now), timeliness(p, now), taskCompletion(p, now), availability(p, now));
    }

    static final List<String> IDS = List.of("drills", "major-incidents", "status-report-timeliness", "task-completion", "availability");

    /** The configured weight of each indicator. */
    public Map<String, Double> weights() {
        EmcommConfig.Compliance.Weights w = config.compliance().weights();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("drills", w.drills());
        m.put("major-incidents", w.majorIncidents());
        m.put("status-report-timeliness", w.statusReportTimeliness());
        m.put("task-completion", w.taskCompletion());
        m.put("availability", w.availability());
        return m;
    }

    /** The indicators of the period scored, with the total and the grade. */
    public Scoring.Result score(Period p) { return Scoring.of(indicators(p), weights()); }

    // ---- deviations ---------------------------------------------------------------------------

    /**
     * Writes why an indicator was not met in the period and what will be done (admin or reviewer). Refused for an
     * indicator that is met or on track with its full score: there is nothing to explain.
     */
    public synchronized ComplianceBook.Deviation writeDeviation(String indicator, Period p, String cause, String measures, String actor) {
        if (indicator == null || !IDS.contains(indicator)) {
            throw ComplianceException.invalid("indicator", "'" + indicator + "' is not one of " + String.join(", ", IDS));
        }
        String c = ComplianceException.required("cause", cause, 4000);
        String m = ComplianceException.required("measures", measures, 4000);
        Scoring.Line line = score(p).lines().stream().filter(l -> l.indicator().id().equals(indicator)).findFirst().orElseThrow();
        Indicator.Status st = line.indicator().status();
        boolean belowWeight = line.scored() && line.score() < line.weight();
        if ((st == Indicator.Status.MET || st == Indicator.Status.ON_TRACK) && !belowWeight) {
            throw ComplianceException.conflict("indicator " + indicator + " is " + st + " for " + p.from() + " – " + p.to()
                    + ": a deviation cause is written for an indicator not met");
        }
        ObjectNode body = JSON.createObjectNode().put("indicator", indicator).put("from", p.from().toString()).put("to", p.to().toString())
                .put("cause", c).put("measures", m).put("status", st.name());
        journal.append(ComplianceBook.STREAM, ComplianceBook.DEVIATION, indicator, actor, body.toString());
        return book().deviation(indicator, p.from(), p.to());
    }

    // ---- the period report -------------------------------------------------------------------

    /** The records behind each indicator's number, in indicator order then time. */
    List<ComplianceReport.Evidence> evidence(Period p, List<Indicator> indicators) {
        ZoneId zone = config.zone();
        List<ComplianceReport.Evidence> out = new ArrayList<>();
        for (Indicator i : indicators) {
            switch (i.id()) {
                case "drills" -> {
                    for (String id : i.recordIds()) {
                        Drill d = drills.book().get(id);
                        out.add(new ComplianceReport.Evidence(i.id(), id, d.actualEnd(), "完成 completed · " + d.codeName() + (d.title() == null ? "" : " · " + d.title())));
                    }
                    drills.book().find(d -> d.status() == Drill.Status.CANCELLED && p.holds(d.when())).stream().sorted(Comparator.comparing(Drill::when))
                            .forEach(d -> out.add(new ComplianceReport.Evidence(i.id(), d.id(), d.when(), "取消，不计入 cancelled, not counted · " + d.codeName()
                                    + (d.cancelReason() == null ? "" : " · " + d.cancelReason()))));
                }
                case "major-incidents" -> {
                    for (String id : i.recordIds()) {
                        Incident x = incidents.book().get(id);
                        out.add(new ComplianceReport.Evidence(i.id(), id, x.openedAt(), "重大 major · " + x.title() + classification(x)));
                    }
                    @SuppressWarnings("unchecked")
                    List<String> reclassified = (List<String>) i.detail().get("reclassifiedNotMajor");
                    for (String id : reclassified) {
                        Incident x = incidents.book().get(id);
                        out.add(new ComplianceReport.Evidence(i.id(), id, x.openedAt(), "改为非重大，不计入 reclassified not major · " + x.title() + classification(x)));
                    }
                }
                case "status-report-timeliness" -> {
                    for (String id : i.recordIds()) {
                        Emergency e = emergencies.book().get(id);
                        Emergency.Clock c = e.clock();
                        String took = c.took() == null ? "首报未报送 first report not submitted"
                                : String.format(java.util.Locale.ROOT, "首报用时 first report after %d min %02d s", c.took().toMinutes(), c.took().toSecondsPart());
                        out.add(new ComplianceReport.Evidence(i.id(), id, e.declaredAt(), e.title() + " · " + took + " · " + c.state(clock.instant())));
                    }
                }
                case "task-completion" -> {
                    for (String id : i.recordIds()) {
                        SupportTask t = tasks.book().get(id);
                        out.add(new ComplianceReport.Evidence(i.id(), id, t.dueAt(), t.title() + " · " + t.status()
                                + (t.reason() == null ? "" : " · " + t.reason())));
                    }
                }
                case "availability" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> top = (Map<String, Object>) i.detail().get("mostDownHours");
                    top.forEach((t, h) -> out.add(new ComplianceReport.Evidence(i.id(), t, null, "停机 down " + h + " h")));
                }
                default -> { }
            }
        }
        return out;
    }

    private static String classification(Incident x) {
        Incident.Classification c = x.classification();
        if (c == null) return "";
        return c.manual() ? " · " + c.by() + ": " + c.reason() : " · " + c.ruleVersion() + (c.reason() == null ? "" : ": " + c.reason());
    }

    /** A report as sent: its bytes and how to send them. */
    public record Download(String id, String digest, byte[] bytes, String contentType, String fileName) {}

    /**
     * Builds the period report in one format and registers it in the journal (its digest and the SHA-256 of the
     * bytes), so that a downloaded copy can later be verified against the journal.
     */
    public synchronized Download issue(Period p, String format, String actor) {
        String f = format == null ? "json" : format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("json", "csv", "pdf").contains(f)) throw ComplianceException.invalid("format", "'" + format + "' is not one of json, csv, pdf");
        Instant now = clock.instant();
        Journal.Head head = journal.head();
        Scoring.Result r = score(p);
        String id = "CR-" + (book().issuedCount() + 1);
        ComplianceReport.Built b = ComplianceReport.build(id, p, r, ind -> book().deviation(ind, p.from(), p.to()), evidence(p, r.lines().stream()
                .map(Scoring.Line::indicator).toList()), config.zone(), now, actor, head.seq(), head.hash());
        byte[] bytes = switch (f) {
            case "csv" -> ComplianceReport.csv(b);
            case "pdf" -> ComplianceReport.pdf(b);
            default -> ComplianceReport.json(b);
        };
        ObjectNode body = JSON.createObjectNode().put("from", p.from().toString()).put("to", p.to().toString()).put("format", f)
                .put("digest", b.digest()).put("fileSha256", ComplianceReport.sha256(bytes)).put("headSeq", head.seq()).put("headHash", head.hash())
                .put("total", r.total()).put("grade", r.grade().zh());
        journal.append(ComplianceBook.STREAM, ComplianceBook.REPORT_ISSUED, id, actor, body.toString());
        journal.anchor(); // the head the report names is anchored outside the journal too
        String type = switch (f) {
            case "csv" -> "text/csv; charset=utf-8";
            case "pdf" -> "application/pdf";
            default -> "application/json";
        };
        return new Download(id, b.digest(), bytes, type, id + "." + f);
    }

    /** One check of a verification, with what it found. */
    public record Check(String name, boolean ok, String detail) {}

    public record Verdict(boolean valid, String report, String format, String fileSha256, String digest, Instant issuedAt, String issuedBy,
                          Instant from, Instant to, List<Check> checks) {}

    /**
     * Checks a downloaded report against the journal: the file is one this service issued (its SHA-256 is
     * registered) or, for JSON, its content recomputes to a registered digest; the digest recomputes from the content
     * and the head (JSON) or is the one registered (CSV); and the journal's chain holds with the named head in it.
     */
    public Verdict verify(byte[] file) {
        if (file == null || file.length == 0) throw ComplianceException.invalid("body", "send the report file (JSON, CSV or PDF) as the request body");
        String sha = ComplianceReport.sha256(file);
        List<Check> checks = new ArrayList<>();
        ComplianceBook.Issued issued = book().issuedFile(sha);
        checks.add(new Check("issued", issued != null, issued != null ? "the file is " + issued.id() + " as issued " + issued.at() + " to " + issued.by()
                : "no report with this file's SHA-256 (" + sha + ") was issued by this service"));
        String format = issued != null ? issued.format() : sniff(file);
        String digest = null;
        long headSeq = -1;
        String headHash = null;
        if (format.equals("json")) {
            try {
                JsonNode n = JSON.readTree(file);
                JsonNode in = n.path("integrity");
                digest = in.path("digest").asText(null);
                headSeq = in.path("journalHead").path("seq").asLong(-1);
                headHash = in.path("journalHead").path("hash").asText(null);
                String again = n.path("content").isObject() ? ComplianceReport.digest(ComplianceReport.canonical(n.path("content")), headSeq, headHash) : null;
                boolean same = again != null && again.equals(digest);
                checks.add(new Check("digest", same, same ? "the content and the journal head recompute to the digest " + digest
                        : "the content does not recompute to the digest it carries: it was changed after it was issued"));
                if (issued == null && same) {
                    ComplianceBook.Issued byDigest = book().issuedDigest(digest);
                    if (byDigest != null) {
                        issued = byDigest;
                        checks.set(0, new Check("issued", true, "the content is that of " + byDigest.id() + " as issued " + byDigest.at()
                                + "; the file's bytes differ (re-formatted)"));
                    }
                }
            } catch (java.io.IOException e) {
                checks.add(new Check("digest", false, "the file is not readable JSON: " + e.getMessage()));
            }
        } else if (format.equals("csv")) {
            String text = new String(file, java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^integrity,digest,.*,SHA-256,,([0-9a-f]{64})\\r?$").matcher(text);
            digest = m.find() ? m.group(1) : null;
            boolean same = digest != null && issued != null && digest.equals(issued.digest());
            checks.add(new Check("digest", same, same ? "the digest in the file is the one registered for " + issued.id()
                    : "the file's digest row is missing or not the one registered"));
        }
        if (issued != null) {
            if (digest == null) digest = issued.digest();
            if (headHash == null) {
                headSeq = issued.headSeq();
                headHash = issued.headHash();
            }
        }
        if (headHash != null && headSeq >= 0) {
            Journal.Anchor a = journal.anchor(headSeq);
            boolean ok = a.chain().ok() && headHash.equals(a.hashAtSeq());
            checks.add(new Check("journal", ok, !a.chain().ok() ? "the journal's chain is broken: " + a.chain().problem()
                    : ok ? "the journal verifies (" + a.chain().events() + " events) and holds the named head at seq " + headSeq
                    : "the journal has no event " + headSeq + " with hash " + headHash));
        } else {
            checks.add(new Check("journal", false, "the file names no journal head"));
        }
        boolean valid = checks.stream().allMatch(Check::ok);
        return new Verdict(valid, issued == null ? null : issued.id(), format, sha, digest, issued == null ? null : issued.at(),
                issued == null ? null : issued.by(), issued == null ? null : issued.from(), issued == null ? null : issued.to(), List.copyOf(checks));
    }

    private static String sniff(byte[] file) {
        if (file.length > 4 && file[0] == '%' && file[1] == 'P' && file[2] == 'D' && file[3] == 'F') return "pdf";
        int i = 0;
        while (i < file.length && Character.isWhitespace(file[i])) i++;
        if (i < file.length && file[i] == '{') return "json";
        return "csv";
    }

    // ---- live warnings ------------------------------------------------------------------------

    /**
     * Compares this year's indicators with their last announced status and journals each change; a turn to
     * AT_RISK or MISSED is logged as a warning and heard by webhooks ({@link ComplianceNotifications}).
     */
    public synchronized List<ComplianceBook.StatusChange> check() {
        Period p = thisYear();
        int year = p.from().atZone(config.zone()).getYear();
        List<ComplianceBook.StatusChange> out = new ArrayList<>();
        for (Indicator i : indicators(p)) {
            String last = book().lastStatus(year, i.id());
            if (i.status().name().equals(last)) continue;
            ObjectNode body = JSON.createObjectNode().put("indicator", i.id()).put("year", year).put("to", i.status().name()).put("target", i.target());
            if (last == null) body.putNull("from");
            else body.put("from", last);
            if (i.actual() == null) body.putNull("actual");
            else body.put("actual", i.actual());
            ArrayNode warnings = body.putArray("warnings");
            i.warnings().forEach(warnings::add);
            journal.append(ComplianceBook.STREAM, ComplianceBook.STATUS_CHANGED, i.id(), "system", body.toString());
            if (i.status() == Indicator.Status.AT_RISK || i.status() == Indicator.Status.MISSED) {
                Log.warnf("compliance: %s (%s) is %s for %d: actual %s, target %s%s", i.id(), i.en(), i.status(), year, i.actual(), i.target(),
                        i.warnings().isEmpty() ? "" : " — " + String.join("; ", i.warnings()));
            }
            out.add(book().lastChange()); // the projection has it before append returns
        }
        return out;
    }

    /** Turns to AT_RISK or MISSED of a year, oldest first. */
    public List<ComplianceBook.StatusChange> warnings(int year) {
        return book().changes().stream().filter(c -> c.year() == year && (c.to().equals("AT_RISK") || c.to().equals("MISSED"))).toList();
    }

    void start(@Observes @Priority(170) StartupEvent event) {
        ticker = Ticker.every("compliance-ticker", config.compliance().tick(), "compliance check", () -> {
            availability.flush(false);
            check();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) ticker.close();
    }

    private Ticker ticker;
    static final ObjectMapper JSON = new ObjectMapper();

    Indicator drills(Period p, Instant now) {
        int target = config.drills().target();
        List<Drill> done = drills.book().find(d -> d.status() == Drill.Status.COMPLETED && p.holds(d.actualEnd())).stream()
                .sorted(Comparator.comparing(Drill::actualEnd)).toList();
        Map<String, Object> pace = null;
        List<String> warnings = new ArrayList<>();
        Indicator.Status status;
        ZoneId zone = config.zone();
        boolean calendarYear = p.equals(year(p.from().atZone(zone).getYear()));
        if (calendarYear) {
            DrillYear.Plan plan = DrillYear.of(drills.book().find(d -> true), p.from().atZone(zone).getYear(), zone, now, target);
            pace = new LinkedHashMap<>();
            pace.put("elapsedShare", plan.elapsedShare());
            pace.put("expectedByNow", plan.expectedByNow());
            pace.put("done", plan.completed());
            pace.put("behindBy", plan.behindBy());
            pace.put("reachable", plan.reachable());
            pace.put("usualPerMonth", plan.usualPerMonth());
            pace.put("projectedAtUsualRate", plan.projectedAtUsualRate());
            plan.warnings().forEach(w -> warnings.add(w.code() + ": " + w.message()));
            status = Indicator.Status.valueOf(plan.status().name());
        } else {
            status = done.size() >= target ? Indicator.Status.MET : now.isBefore(p.to()) ? Indicator.Status.ON_TRACK : Indicator.Status.MISSED;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("completed", done.size());
        detail.put("cancelled", drills.book().find(d -> d.status() == Drill.Status.CANCELLED && p.holds(d.when())).size());
        return new Indicator("drills", "应急通信保障演练次数", "Drills completed", Indicator.Direction.AT_LEAST, target, "drills",
                (double) done.size(), status, pace, detail, done.stream().map(Drill::id).toList(), List.copyOf(warnings));
    }

    Indicator majorIncidents(Period p, Instant now) {
        int target = config.compliance().majorIncidents();
        List<Incident> major = incidents.book().find(i -> i.major() && i.mergedInto() == null && p.holds(i.openedAt())).stream()
                .sorted(Comparator.comparing(Incident::openedAt)).toList();
        List<String> reclassified = incidents.book().find(i -> !i.major() && i.mergedInto() == null && p.holds(i.openedAt())
                && i.classification() != null && i.classification().manual()).stream().map(Incident::id).toList();
        int n = major.size();
        boolean over = !now.isBefore(p.to());
        List<String> warnings = new ArrayList<>();
        Indicator.Status status;
        if (n > target) status = Indicator.Status.MISSED;
        else if (over) status = Indicator.Status.MET;
        else if (n == target) {
            status = Indicator.Status.AT_RISK;
            warnings.add("the limit of " + target + " major incidents is reached: the next one misses the target");
        } else status = Indicator.Status.ON_TRACK;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("major", n);
        detail.put("reclassifiedNotMajor", reclassified);
        return new Indicator("major-incidents", "VSAT网络重大故障次数", "Major incidents on the VSAT network", Indicator.Direction.AT_MOST, target,
                "incidents", (double) n, status, null, detail, major.stream().map(Incident::id).toList(), List.copyOf(warnings));
    }

    Indicator timeliness(Period p, Instant now) {
        List<Emergency> all = emergencies.book().find(e -> p.holds(e.declaredAt())).stream()
                .sorted(Comparator.comparing(Emergency::declaredAt)).toList();
        int onTime = 0, late = 0, overdue = 0, running = 0;
        List<Long> took = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Emergency e : all) {
            Emergency.Clock c = e.clock();
            switch (c.state(now)) {
                case ON_TIME -> onTime++;
                case LATE -> late++;
                case OVERDUE -> overdue++;
                case RUNNING -> {
                    running++;
                    warnings.add(e.id() + ": first report due " + org.emcomm.vsat.config.Times.text(c.dueAt(), config.zone()));
                }
            }
            if (c.took() != null) took.add(c.took().toSeconds());
        }
        int decided = onTime + late + overdue;
        Double share = decided == 0 ? null : onTime / (double) decided;
        Indicator.Status status;
        if (late + overdue > 0) status = Indicator.Status.MISSED;
        else if (running > 0) status = Indicator.Status.AT_RISK;
        else status = now.isBefore(p.to()) ? Indicator.Status.ON_TRACK : Indicator.Status.MET;
        List<Long> sorted = took.stream().sorted().toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("emergencies", all.size());
        detail.put("onTime", onTime);
        detail.put("late", late);
        detail.put("overdue", overdue);
        detail.put("running", running);
        detail.put("limitMinutes", config.emergencies().reportLimit().toMinutes());
        detail.put("maxSeconds", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
        detail.put("medianSeconds", sorted.isEmpty() ? null : median(sorted));
        return new Indicator("status-report-timeliness", "突发事件30分钟内报送网络运行情况", "Status report within 30 minutes of each emergency",
                Indicator.Direction.SHARE, 1.0, "share", share, status, null, detail, all.stream().map(Emergency::id).toList(), List.copyOf(warnings));
    }

    Indicator taskCompletion(Period p, Instant now) {
        SupportTaskService.Completion c = tasks.completion(p.from(), p.to());
        double target = config.compliance().taskCompletion();
        boolean over = !now.isBefore(p.to());
        List<String> warnings = new ArrayList<>();
        Indicator.Status status;
        int notDone = c.failed() + c.cancelledByAuthority();
        if (c.due() > 0 && (c.due() - notDone) / (double) c.due() < target) status = Indicator.Status.MISSED;
        else if (c.open() > 0) {
            long pastDue = tasks.book().find(t -> c.dueIds().contains(t.id()) && !t.status().closed() && t.dueAt().isBefore(now)).size();
            status = pastDue > 0 ? Indicator.Status.AT_RISK : Indicator.Status.ON_TRACK;
            if (pastDue > 0) warnings.add(pastDue + " support task(s) past due and not completed");
        } else status = over ? Indicator.Status.MET : Indicator.Status.ON_TRACK;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("due", c.due());
        detail.put("completed", c.completed());
        detail.put("failed", c.failed());
        detail.put("open", c.open());
        detail.put("cancelledByAuthority", c.cancelledByAuthority());
        detail.put("cancelledByRequester", c.cancelledByRequester());
        detail.put("notCompletedIds", c.notCompletedIds());
        return new Indicator("task-completion", "重大活动和突发事件保障任务完成率", "Support tasks completed", Indicator.Direction.SHARE, target, "share",
                c.rate(), status, null, detail, c.dueIds(), List.copyOf(warnings));
    }

    Indicator availability(Period p, Instant now) {
        AvailabilityBook.Totals t = availability.totals(p.from(), p.to());
        double target = config.compliance().availability();
        Double actual = t.monitoredMs() == 0 ? null : t.upMs() / (double) t.monitoredMs();
        boolean over = !now.isBefore(p.to());
        List<String> warnings = new ArrayList<>();
        Indicator.Status status;
        if (actual == null) {
            status = over ? Indicator.Status.MISSED : Indicator.Status.ON_TRACK;
            if (over) warnings.add("no terminal-time was monitored in the period");
        } else if (actual >= target) {
            status = over ? Indicator.Status.MET : Indicator.Status.ON_TRACK;
        } else if (over) {
            status = Indicator.Status.MISSED;
        } else {
            // could the rest of the period, every terminal up, still lift the share to the target?
            double rest = Math.max(0, p.to().toEpochMilli() - Math.max(now.toEpochMilli(), p.from().toEpochMilli())) * (double) availability.terminals();
            boolean reachable = (t.upMs() + rest) / (t.monitoredMs() + rest) >= target;
            status = reachable ? Indicator.Status.AT_RISK : Indicator.Status.MISSED;
            warnings.add(String.format(java.util.Locale.ROOT, "availability %.3f %% is below the target %.3f %%%s", actual * 100, target * 100,
                    reachable ? "" : ": the rest of the period cannot lift it back"));
        }
        List<Map.Entry<String, Long>> worst = t.downMs().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("monitoredHours", hours(t.monitoredMs()));
        detail.put("upHours", hours(t.upMs()));
        detail.put("downHours", hours(t.monitoredMs() - t.upMs()));
        detail.put("maintenanceHours", hours(t.maintenanceMs()));
        detail.put("terminalsWithDowntime", worst.size());
        Map<String, Object> top = new LinkedHashMap<>();
        worst.stream().limit(10).forEach(e -> top.put(e.getKey(), hours(e.getValue())));
        detail.put("mostDownHours", top);
        detail.put("resolution", "hour");
        return new Indicator("availability", "VSAT网络正常运行率", "VSAT network availability", Indicator.Direction.SHARE, target, "share",
                actual, status, null, detail, worst.stream().limit(RECORD_IDS).map(Map.Entry::getKey).toList(), List.copyOf(warnings));
    }

    /** At most this many terminals are named behind the availability figure (the worst first). */
    static final int RECORD_IDS = 200;

    private static double hours(long ms) { return Math.round(ms / 36_000.0) / 100.0; }

    private static double median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

}
