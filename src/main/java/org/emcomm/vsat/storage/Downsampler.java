package org.emcomm.vsat.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Buckets aligned to the epoch, as InfluxQL's GROUP BY time(step) with fill(none): each bucket's
 * start time, the mean of each metric, the worst state and the sample count; empty buckets left out. */
final class Downsampler {
    private Downsampler() {}

    static List<HistoryPoint> buckets(List<HistoryPoint> raw, Duration step) {
        long stepMs = step.toMillis();
        TreeMap<Long, Acc> buckets = new TreeMap<>();
        for (HistoryPoint p : raw) {
            long start = Math.floorDiv(p.time().toEpochMilli(), stepMs) * stepMs;
            buckets.computeIfAbsent(start, k -> new Acc()).add(p);
        }
        List<HistoryPoint> out = new ArrayList<>(buckets.size());
        buckets.forEach((start, acc) -> out.add(acc.point(Instant.ofEpochMilli(start))));
        return out;
    }

    private static final class Acc {
        int count;
        int worst = -1;
        final Map<String, double[]> sums = new LinkedHashMap<>();

        void add(HistoryPoint p) {
            count++;
            worst = Math.max(worst, SamplePoint.stateCode(p.state()));
            p.metrics().forEach((k, v) -> {
                double[] s = sums.computeIfAbsent(k, x -> new double[2]);
                s[0] += v;
                s[1]++;
            });
        }

        HistoryPoint point(Instant start) {
            Map<String, Double> means = new LinkedHashMap<>();
            sums.forEach((k, s) -> means.put(k, s[0] / s[1]));
            return new HistoryPoint(start, SamplePoint.stateOf(worst), count, means);
        }
    }
}
