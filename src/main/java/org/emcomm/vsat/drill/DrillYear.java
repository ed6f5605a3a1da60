package org.emcomm.vsat.drill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A year's drills against the target: planned and completed by month, the pace (drills expected by now on a
 * linear plan against drills completed), and warnings when the rest of the year cannot reach the target —
 * by the plan as it stands, or at the authority's usual rate. A pure function of the drills and the time.
 */
public final class DrillYear {
    private DrillYear() {}

    public enum Status { MET, ON_TRACK, AT_RISK, MISSED }

    public record Month(int month, int planned, int completed, int cancelled) {}

    public record Warning(String code, String message) {}

    /**
     * @param expectedByNow   target × the share of the year elapsed (linear plan)
     * @param plannedByNow    drills the plan put before now (not cancelled)
     * @param reachable       completed + in progress + planned and not yet started, all in this year
     * @param usualPerMonth   the authority's usual rate: completions over the 365 days before now, per month, once the records
     *                        reach back that far; else this year's rate so far once two months have passed; else null
     * @param projectedAtUsualRate completed + in progress + the usual rate over the months left (null without a usual rate)
     */
    public record Plan(int year, int target, Instant from, Instant to, Instant asOf, double elapsedShare, List<Month> months, int completed,
                       List<String> completedIds, List<String> inProgressIds, List<String> upcomingIds, List<String> lateIds,
                       List<String> cancelledIds, double expectedByNow, int plannedByNow, double behindBy, int reachable, int stillNeeded,
                       Double usualPerMonth, String usualRateBasis, Double projectedAtUsualRate, Status status, List<Warning> warnings) {}

    public static Plan of(Collection<Drill> drills, int year, ZoneId zone, Instant now, int target) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        Instant asOf = now.isBefore(from) ? from : now.isAfter(to) ? to : now;
        double share = (double) Duration.between(from, asOf).toSeconds() / Duration.between(from, to).toSeconds();
        int[] planned = new int[12], completed = new int[12], cancelled = new int[12];
        List<String> done = new ArrayList<>(), running = new ArrayList<>(), upcoming = new ArrayList<>(), late = new ArrayList<>(),
                called = new ArrayList<>();
        int plannedByNow = 0, trailing = 0;
        Instant trailFrom = now.minus(Duration.ofDays(365));
        List<Drill> sorted = drills.stream().sorted(Comparator.comparing(Drill::id)).toList();
        for (Drill d : sorted) {
            if (d.status() == Drill.Status.COMPLETED && d.actualEnd() != null && d.actualEnd().isAfter(trailFrom) && !d.actualEnd().isAfter(now)) {
                trailing++;
            }
            boolean plannedIn = in(d.plannedStart(), from, to);
            if (plannedIn && d.status() != Drill.Status.CANCELLED) {
                planned[month(d.plannedStart(), zone)]++;
                if (d.plannedStart().isBefore(asOf)) plannedByNow++;
            }
            switch (d.status()) {
                case COMPLETED -> {
                    if (in(d.actualEnd(), from, to)) {
                        completed[month(d.actualEnd(), zone)]++;
                        done.add(d.id());
                    }
                }
                case IN_PROGRESS -> {
                    if (in(d.actualStart(), from, to)) running.add(d.id());
                }
                case PLANNED -> {
                    if (plannedIn) (d.plannedStart().isBefore(now) ? late : upcoming).add(d.id());
                }
                case CANCELLED -> {
                    if (plannedIn) {
                        cancelled[month(d.plannedStart(), zone)]++;
                        called.add(d.id());
                    }
                }
            }
        }
        List<Month> months = new ArrayList<>(12);
        for (int m = 0; m < 12; m++) months.add(new Month(m + 1, planned[m], completed[m], cancelled[m]));
        boolean over = !now.isBefore(to);
        double expected = round1(target * share);
        double behind = round1(Math.max(0, expected - done.size()));
        int reachable = done.size() + running.size() + (over ? 0 : upcoming.size() + late.size());
        double monthSeconds = Duration.between(from, to).toSeconds() / 12.0;
        double monthsLeft = Duration.between(asOf, to).toSeconds() / monthSeconds;
        Instant firstRecord = drills.stream().map(Drill::plannedAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        Double usual;
        String basis;
        if (firstRecord != null && !firstRecord.isAfter(trailFrom)) {
            usual = round2(trailing / 12.0);
            basis = "completions over the last 12 months";
        } else if (Duration.between(from, asOf).toDays() >= 60) {
            usual = round2(done.size() / (Duration.between(from, asOf).toSeconds() / monthSeconds));
            basis = "completions this year so far (records reach back less than 12 months)";
        } else {
            usual = null;
            basis = "not known yet: records reach back less than 12 months and less than 2 months of the year have passed";
        }
        Double projected = usual == null ? null : round1(done.size() + running.size() + usual * monthsLeft);
        int needed = Math.max(0, target - done.size());

        List<Warning> warnings = new ArrayList<>();
        if (!over && needed > 0) {
            if (reachable < target) {
                warnings.add(new Warning("PLAN_SHORT", String.format(Locale.ROOT,
                        "the plan reaches %d of %d drills this year: plan at least %d more before %s", reachable, target, target - reachable,
                        LocalDate.of(year, 12, 31))));
            }
            if (projected != null && projected < target) {
                warnings.add(new Warning("BELOW_USUAL_RATE", String.format(Locale.ROOT,
                        "at the usual rate (%.2f a month: %s) the year ends near %.1f of %d; %d more are needed in %.1f months",
                        usual, basis, projected, target, needed, monthsLeft)));
            }
            if (!late.isEmpty()) {
                warnings.add(new Warning("LATE_START", late.size() + " planned drill(s) past their planned start and not started: "
                        + String.join(", ", late)));
            }
        }
        Status status;
        if (needed == 0) status = Status.MET;
        else if (over) status = Status.MISSED;
        else if (warnings.stream().anyMatch(w -> !w.code().equals("LATE_START"))) status = Status.AT_RISK;
        else status = Status.ON_TRACK;
        return new Plan(year, target, from, to, asOf, round4(share), List.copyOf(months), done.size(), List.copyOf(done), List.copyOf(running),
                List.copyOf(upcoming), List.copyOf(late), List.copyOf(called), expected, plannedByNow, behind, reachable, needed, usual, basis, projected,
                status, List.copyOf(warnings));
    }

    private static boolean in(Instant t, Instant from, Instant to) { return t != null && !t.isBefore(from) && t.isBefore(to); }

    private static int month(Instant t, ZoneId zone) { return ZonedDateTime.ofInstant(t, zone).getMonthValue() - 1; }

    private static double round1(double v) { return Math.round(v * 10) / 10.0; }

    private static double round2(double v) { return Math.round(v * 100) / 100.0; }

    private static double round4(double v) { return Math.round(v * 10_000) / 10_000.0; }
}
