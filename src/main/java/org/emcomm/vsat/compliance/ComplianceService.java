package org.emcomm.vsat.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.config.EmcommConfig;
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
 * major incidents, status-report timeliness and support-task completion (domain.md §1).
 */
@ApplicationScoped
public class ComplianceService {
    private final EmcommConfig config;
    private final DrillRecords drills;
    private final IncidentRecords incidents;
    private final EmergencyRecords emergencies;
    private final SupportTaskService tasks;
    private final Clock clock;

    ComplianceService(EmcommConfig config, DrillRecords drills, IncidentRecords incidents, EmergencyRecords emergencies, SupportTaskService tasks,
                      Clock clock) {
        this.config = config;
        this.drills = drills;
        this.incidents = incidents;
        this.emergencies = emergencies;
        this.tasks = tasks;
        this.clock = clock;
    }

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
        return List.of(drills(p, now), majorIncidents(p, now), timeliness(p, now), taskCompletion(p, now));
    }

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
                    warnings.add(e.id() + ": first report due " + c.dueAt());
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

    private static double median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

}
