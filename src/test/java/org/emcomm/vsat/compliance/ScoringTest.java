package org.emcomm.vsat.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** domain.md §1's scoring, worked by hand. */
class ScoringTest {
    static Indicator ind(String id, Indicator.Direction dir, double target, Double actual) {
        return new Indicator(id, id, id, dir, target, "x", actual, Indicator.Status.MET, null, Map.of(), List.of(), List.of());
    }

    @Test
    void atLeastIsCappedAtTheWeightAtMostIsTargetOverActualGradesByPercent() {
        assertThat(Scoring.score(ind("drills", Indicator.Direction.AT_LEAST, 30, 31.0), 25)).isEqualTo(25.0);
        assertThat(Scoring.score(ind("drills", Indicator.Direction.AT_LEAST, 30, 24.0), 25)).isEqualTo(20.0);
        assertThat(Scoring.score(ind("major-incidents", Indicator.Direction.AT_MOST, 2, 2.0), 25)).isEqualTo(25.0);
        assertThat(Scoring.score(ind("major-incidents", Indicator.Direction.AT_MOST, 2, 3.0), 25)).isEqualTo(16.67);
        assertThat(Scoring.score(ind("major-incidents", Indicator.Direction.AT_MOST, 0, 1.0), 25)).isEqualTo(0.0);
        assertThat(Scoring.score(ind("status-report-timeliness", Indicator.Direction.SHARE, 1, 0.75), 25)).isEqualTo(18.75);
        assertThat(Scoring.score(ind("status-report-timeliness", Indicator.Direction.SHARE, 1, null), 25)).as("no emergency: nothing late").isEqualTo(25.0);
        assertThat(Scoring.score(ind("availability", Indicator.Direction.SHARE, 0.995, 0.9), 0)).as("weight 0: not scored").isNull();

        Scoring.Result r = Scoring.of(List.of(ind("drills", Indicator.Direction.AT_LEAST, 30, 31.0), ind("major-incidents", Indicator.Direction.AT_MOST, 2, 2.0),
                ind("status-report-timeliness", Indicator.Direction.SHARE, 1, 0.75), ind("task-completion", Indicator.Direction.SHARE, 1, 0.95),
                ind("availability", Indicator.Direction.SHARE, 0.995, 0.99)), Map.of("drills", 25.0, "major-incidents", 25.0,
                "status-report-timeliness", 25.0, "task-completion", 25.0, "availability", 0.0));
        assertThat(r.total()).isEqualTo(92.5);
        assertThat(r.max()).isEqualTo(100.0);
        assertThat(r.grade()).isEqualTo(new Scoring.Grade("优", "Excellent"));
        assertThat(r.lines().get(0).level1().zh()).isEqualTo("产出指标");
        assertThat(r.lines().get(3).level1().zh()).isEqualTo("效益指标");

        assertThat(Scoring.grade(90)).isEqualTo(new Scoring.Grade("优", "Excellent"));
        assertThat(Scoring.grade(89.99).zh()).isEqualTo("良");
        assertThat(Scoring.grade(80).zh()).isEqualTo("良");
        assertThat(Scoring.grade(79.99).zh()).isEqualTo("中");
        assertThat(Scoring.grade(60).zh()).isEqualTo("中");
        assertThat(Scoring.grade(59.99).zh()).isEqualTo("差");
        // weights out of 50: the grade is the share of the weights
        Scoring.Result half = Scoring.of(List.of(ind("drills", Indicator.Direction.AT_LEAST, 30, 24.0)), Map.of("drills", 50.0));
        assertThat(half.total()).isEqualTo(40.0);
        assertThat(half.percent()).isEqualTo(80.0);
        assertThat(half.grade().zh()).isEqualTo("良");
    }
}
