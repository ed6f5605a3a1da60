package org.emcomm.vsat.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A simulated year of drills against the target of 30, read at chosen dates: the pace (expected by now on a
 * linear plan), what the plan can still reach, the usual rate, and the warnings. Figures worked out by hand.
 */
class DrillYearTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    final DrillBook book = new DrillBook();
    long seq;

    static Instant t(String local) { return OffsetDateTime.parse(local + "+08:00").toInstant(); }

    static String id(int n) { return String.format("D%02d", n); }

    void plan(int n, String start, String plannedAt) {
        ObjectNode p = DrillBook.JSON.createObjectNode().put("codeName", "Drill " + n).put("type", "LIVE").put("purpose", "TEST")
                .put("organiser", "Provincial EmComm Office").put("plannedStart", t(start).toString()).put("plannedEnd", t(start).plusSeconds(7200).toString());
        p.putArray("objectives").addObject().put("id", "O1").put("text", "Restore voice to the county command post");
        p.putArray("regions");
        p.putArray("terminals");
        book.apply(++seq, DrillBook.PLANNED, id(n), "coord", t(plannedAt), p);
    }

    void run(int n) {
        Instant start = book.get(id(n)).plannedStart();
        book.apply(++seq, DrillBook.STARTED, id(n), "coord", start, DrillBook.JSON.createObjectNode().put("actualStart", start.toString()));
        Instant end = start.plusSeconds(3 * 3600);
        book.apply(++seq, DrillBook.COMPLETED, id(n), "coord", end, DrillBook.JSON.createObjectNode().put("actualEnd", end.toString()).put("total", 0).put("verified", 0));
    }

    void cancel(int n, String at) {
        book.apply(++seq, DrillBook.CANCELLED, id(n), "coord", t(at), DrillBook.JSON.createObjectNode().put("reason", "moved by the provincial office"));
    }

    DrillYear.Plan at(int year, String now) { return DrillYear.of(book.find(d -> true), year, ZONE, t(now), 30); }

    @Test
    void paceAndWarningsThroughTheYear() {
        // 32 drills planned on 15 Dec 2026: three a month on the 5th, 15th and 25th from January to October, two in November
        int n = 0;
        for (int m = 1; m <= 11; m++) {
            for (int day : m == 11 ? new int[]{5, 15} : new int[]{5, 15, 25}) plan(++n, String.format("2027-%02d-%02dT09:00:00", m, day), "2026-12-15T10:00:00");
        }
        assertThat(n).isEqualTo(32);
        run(1);

        // 10 January: one done, 0.8 expected, nothing to warn about, no usual rate yet
        DrillYear.Plan a = at(2027, "2027-01-10T12:00:00");
        assertThat(a.completed()).isEqualTo(1);
        assertThat(a.elapsedShare()).isEqualTo(0.026);
        assertThat(a.expectedByNow()).isEqualTo(0.8);
        assertThat(a.behindBy()).isEqualTo(0.0);
        assertThat(a.plannedByNow()).isEqualTo(1);
        assertThat(a.reachable()).isEqualTo(32);
        assertThat(a.usualPerMonth()).isNull();
        assertThat(a.projectedAtUsualRate()).isNull();
        assertThat(a.warnings()).isEmpty();
        assertThat(a.status()).isEqualTo(DrillYear.Status.ON_TRACK);
        assertThat(a.months().get(0)).isEqualTo(new DrillYear.Month(1, 3, 1, 0));

        // to the end of June: D08 called off in March, D18 (25 June) not started
        cancel(8, "2027-03-10T08:00:00");
        for (int k = 2; k <= 17; k++) if (k != 8) run(k);
        DrillYear.Plan b = at(2027, "2027-06-30T12:00:00");
        assertThat(b.completed()).isEqualTo(16);
        assertThat(b.elapsedShare()).isEqualTo(0.4945);
        assertThat(b.expectedByNow()).isEqualTo(14.8);
        assertThat(b.behindBy()).isEqualTo(0.0);
        assertThat(b.plannedByNow()).isEqualTo(17);
        assertThat(b.upcomingIds()).hasSize(14);
        assertThat(b.lateIds()).containsExactly("D18");
        assertThat(b.reachable()).isEqualTo(31);
        assertThat(b.usualPerMonth()).isEqualTo(2.7);
        assertThat(b.projectedAtUsualRate()).isEqualTo(32.4);
        assertThat(b.warnings()).extracting(DrillYear.Warning::code).containsExactly("LATE_START");
        assertThat(b.status()).isEqualTo(DrillYear.Status.ON_TRACK);
        assertThat(b.months().get(2)).isEqualTo(new DrillYear.Month(3, 2, 2, 1));
        assertThat(b.months().get(5)).isEqualTo(new DrillYear.Month(6, 3, 2, 0));

        // 1 July: D18 and two July drills cancelled; the plan now reaches 28
        cancel(18, "2027-07-01T08:00:00");
        cancel(19, "2027-07-01T08:30:00");
        cancel(20, "2027-07-01T08:30:00");
        DrillYear.Plan c = at(2027, "2027-07-01T09:00:00");
        assertThat(c.reachable()).isEqualTo(28);
        assertThat(c.stillNeeded()).isEqualTo(14);
        assertThat(c.warnings()).extracting(DrillYear.Warning::code).containsExactly("PLAN_SHORT");
        assertThat(c.warnings().get(0).message()).isEqualTo("the plan reaches 28 of 30 drills this year: plan at least 2 more before 2027-12-31");
        assertThat(c.usualPerMonth()).isEqualTo(2.68);
        assertThat(c.projectedAtUsualRate()).isEqualTo(32.2);
        assertThat(c.status()).isEqualTo(DrillYear.Status.AT_RISK);

        // 20 November: July to October done, November's two not started: short by plan and by rate
        for (int k = 21; k <= 30; k++) run(k);
        DrillYear.Plan d = at(2027, "2027-11-20T12:00:00");
        assertThat(d.completed()).isEqualTo(26);
        assertThat(d.expectedByNow()).isEqualTo(26.6);
        assertThat(d.behindBy()).isEqualTo(0.6);
        assertThat(d.lateIds()).containsExactly("D31", "D32");
        assertThat(d.reachable()).isEqualTo(28);
        assertThat(d.usualPerMonth()).isEqualTo(2.44);
        assertThat(d.projectedAtUsualRate()).isEqualTo(29.3);
        assertThat(d.warnings()).extracting(DrillYear.Warning::code).containsExactly("PLAN_SHORT", "BELOW_USUAL_RATE", "LATE_START");
        assertThat(d.status()).isEqualTo(DrillYear.Status.AT_RISK);

        // after the year: 2027 missed with 26; 2028 starts with no plan and a usual rate from the last 12 months
        DrillYear.Plan e = at(2027, "2028-01-05T10:00:00");
        assertThat(e.status()).isEqualTo(DrillYear.Status.MISSED);
        assertThat(e.elapsedShare()).isEqualTo(1.0);
        assertThat(e.warnings()).isEmpty();
        DrillYear.Plan next = at(2028, "2028-01-05T10:00:00");
        assertThat(next.completed()).isZero();
        assertThat(next.usualPerMonth()).isEqualTo(2.17);
        assertThat(next.usualRateBasis()).isEqualTo("completions over the last 12 months");
        assertThat(next.projectedAtUsualRate()).isEqualTo(25.7);
        assertThat(next.warnings()).extracting(DrillYear.Warning::code).containsExactly("PLAN_SHORT", "BELOW_USUAL_RATE");
        assertThat(next.status()).isEqualTo(DrillYear.Status.AT_RISK);
    }

    @Test
    void reachingTheTargetIsMetEvenWithTheYearUnfinished() {
        for (int k = 1; k <= 30; k++) plan(k, String.format("2027-03-%02dT09:00:00", k), "2027-01-02T10:00:00");
        for (int k = 1; k <= 30; k++) run(k);
        DrillYear.Plan p = at(2027, "2027-04-01T09:00:00");
        assertThat(p.completed()).isEqualTo(30);
        assertThat(p.stillNeeded()).isZero();
        assertThat(p.status()).isEqualTo(DrillYear.Status.MET);
        assertThat(p.warnings()).isEmpty();
        assertThat(p.completedIds()).hasSize(30).contains("D01", "D30");
        assertThat(List.of(p.months().get(2).planned(), p.months().get(2).completed())).containsExactly(30, 30);
    }
}
