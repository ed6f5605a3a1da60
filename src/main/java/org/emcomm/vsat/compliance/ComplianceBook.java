package org.emcomm.vsat.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The compliance records rebuilt from stream {@value #STREAM}: deviation causes and measures written for a
 * period's indicator, each indicator's status as last announced per year, and the reports issued (so a
 * downloaded one can be checked against the journal).
 */
public final class ComplianceBook {
    public static final String STREAM = "compliance";
    public static final String DEVIATION = "compliance.deviation-written";
    public static final String STATUS_CHANGED = "compliance.status-changed";
    public static final String REPORT_ISSUED = "compliance.report-issued";

    /** A written cause and measures for an indicator not met in a period. */
    public record Deviation(String indicator, Instant from, Instant to, String cause, String measures, String by, Instant at, long seq) {}

    /** An indicator's status turned from {@code from} (null: first seen) to {@code to}. */
    public record StatusChange(long seq, Instant at, int year, String indicator, String from, String to, Double actual, double target,
                               List<String> warnings) {}

    /** A report as issued: its id, period, format, the digest it carries, the SHA-256 of the file as sent, and the head it names. */
    public record Issued(long seq, String id, Instant at, String by, Instant from, Instant to, String format, String digest, String fileSha256,
                         long headSeq, String headHash) {}

    private final Map<String, Deviation> deviations = new ConcurrentHashMap<>();
    private final List<StatusChange> changes = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastStatus = new ConcurrentHashMap<>();
    private final Map<String, Issued> byFile = new ConcurrentHashMap<>();
    private final Map<String, Issued> byDigest = new ConcurrentHashMap<>();
    private final List<Issued> issued = new CopyOnWriteArrayList<>();

    static String key(String indicator, Instant from, Instant to) { return indicator + "|" + from + "|" + to; }

    void apply(long seq, String type, String entity, String actor, Instant at, JsonNode p) {
        switch (type) {
            case DEVIATION -> {
                Deviation d = new Deviation(p.path("indicator").asText(), Instant.parse(p.path("from").asText()), Instant.parse(p.path("to").asText()),
                        p.path("cause").asText(), p.path("measures").asText(), actor, at, seq);
                deviations.put(key(d.indicator(), d.from(), d.to()), d);
            }
            case STATUS_CHANGED -> {
                List<String> w = new ArrayList<>();
                p.path("warnings").forEach(x -> w.add(x.asText()));
                StatusChange c = new StatusChange(seq, at, p.path("year").asInt(), p.path("indicator").asText(),
                        p.hasNonNull("from") ? p.path("from").asText() : null, p.path("to").asText(),
                        p.hasNonNull("actual") ? p.path("actual").asDouble() : null, p.path("target").asDouble(), List.copyOf(w));
                changes.add(c);
                lastStatus.put(c.year() + "|" + c.indicator(), c.to());
            }
            case REPORT_ISSUED -> {
                Issued i = new Issued(seq, entity, at, actor, Instant.parse(p.path("from").asText()), Instant.parse(p.path("to").asText()),
                        p.path("format").asText(), p.path("digest").asText(), p.path("fileSha256").asText(), p.path("headSeq").asLong(),
                        p.path("headHash").asText());
                issued.add(i);
                byFile.put(i.fileSha256(), i);
                byDigest.putIfAbsent(i.digest(), i);
            }
            default -> { }
        }
    }

    public Deviation deviation(String indicator, Instant from, Instant to) { return deviations.get(key(indicator, from, to)); }

    public String lastStatus(int year, String indicator) { return lastStatus.get(year + "|" + indicator); }

    /** The latest status change, or null. */
    public StatusChange lastChange() { return changes.isEmpty() ? null : changes.get(changes.size() - 1); }

    /** Status changes, oldest first. */
    public List<StatusChange> changes() { return List.copyOf(changes); }

    public Issued issuedFile(String sha256) { return byFile.get(sha256); }

    public Issued issuedDigest(String digest) { return byDigest.get(digest); }

    public int issuedCount() { return issued.size(); }
}
