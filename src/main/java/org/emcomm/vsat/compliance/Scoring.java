package org.emcomm.vsat.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Self-evaluation as reviewers score it (domain.md §1): an "at least" indicator (and a share) scores
 * min(actual ÷ target, 1) × weight; an "at most" indicator scores the full weight when actual ≤ target, else
 * target ÷ actual × weight. The grade is the total over the weights, out of 100: 优 ≥ 90, 良 80–89, 中 60–79,
 * 差 &lt; 60. An indicator of weight 0 is shown and not scored.
 */
public final class Scoring {
    private Scoring() {}

    /** A level of the performance-indicator tree (一级/二级指标). */
    public record Level(String zh, String en) {}

    public record Grade(String zh, String en) {}

    /** One row of the self-evaluation table. {@code score} is null when the indicator is not scored. */
    public record Line(Indicator indicator, Level level1, Level level2, double weight, Double score) {
        public boolean scored() { return score != null; }
    }

    public record Result(List<Line> lines, double total, double max, double percent, Grade grade) {}

    static final Level OUTPUT = new Level("产出指标", "Output");
    static final Level BENEFIT = new Level("效益指标", "Benefit");
    static final Map<String, Level[]> LEVELS = Map.of(
            "drills", new Level[] {OUTPUT, new Level("数量指标", "Quantity")},
            "major-incidents", new Level[] {OUTPUT, new Level("质量指标", "Quality")},
            "status-report-timeliness", new Level[] {OUTPUT, new Level("时效指标", "Timeliness")},
            "task-completion", new Level[] {BENEFIT, new Level("社会效益指标", "Social benefit")},
            "availability", new Level[] {OUTPUT, new Level("质量指标", "Quality")});

    /** The score of one indicator at its weight, rounded to 0.01; null when the weight is 0. */
    public static Double score(Indicator i, double weight) {
        if (weight <= 0) return null;
        double share;
        Double actual = i.actual();
        if (i.direction() == Indicator.Direction.AT_MOST) {
            double a = actual == null ? 0 : actual;
            share = a <= i.target() ? 1 : i.target() / a;
        } else if (actual == null) {
            share = 1; // nothing was due: nothing was missed (no emergency, no task)
        } else {
            share = i.target() <= 0 ? 1 : Math.min(actual / i.target(), 1);
        }
        return round(share * weight);
    }

    public static Grade grade(double percent) {
        if (percent >= 90) return new Grade("优", "Excellent");
        if (percent >= 80) return new Grade("良", "Good");
        if (percent >= 60) return new Grade("中", "Fair");
        return new Grade("差", "Poor");
    }

    public static Result of(List<Indicator> indicators, Map<String, Double> weights) {
        List<Line> lines = new ArrayList<>();
        double total = 0, max = 0;
        for (Indicator i : indicators) {
            double w = weights.getOrDefault(i.id(), 0.0);
            Level[] lv = LEVELS.getOrDefault(i.id(), new Level[] {OUTPUT, new Level("其他", "Other")});
            Double s = score(i, w);
            lines.add(new Line(i, lv[0], lv[1], w, s));
            if (s != null) {
                total += s;
                max += w;
            }
        }
        double percent = max == 0 ? 0 : round(total / max * 100);
        return new Result(List.copyOf(lines), round(total), round(max), percent, grade(percent));
    }

    static double round(double v) { return Math.round(v * 100) / 100.0; }
}
