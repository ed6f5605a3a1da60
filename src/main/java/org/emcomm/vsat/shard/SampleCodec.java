package org.emcomm.vsat.shard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;

/**
 * Samples on the wire between replicas, as a JSON array streamed without a tree:
 * {@code [{"t":id,"at":"2026-…Z","s":"ANSWERED","l":latencyMicros,"d":detail,"m":{name:[kind,…]}}]}.
 * Metric values keep their kind, so the writer sees exactly what the poller decoded.
 */
final class SampleCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private SampleCodec() {}

    static byte[] encode(List<Sample> samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * samples.size() + 16);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Sample s : samples) {
                g.writeStartObject();
                g.writeStringField("t", s.terminalId());
                g.writeStringField("at", s.at().toString());
                g.writeStringField("s", s.status().name());
                g.writeNumberField("l", s.latencyMicros());
                if (s.detail() != null) g.writeStringField("d", s.detail());
                g.writeObjectFieldStart("m");
                for (Map.Entry<String, MetricValue> e : s.metrics().entrySet()) {
                    g.writeArrayFieldStart(e.getKey());
                    write(g, e.getValue());
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, MetricValue v) throws IOException {
        if (v instanceof MetricValue.Reading r) {
            g.writeString("R"); g.writeNumber(r.value()); g.writeString(r.raw());
        } else if (v instanceof MetricValue.Label l) {
            g.writeString("L"); g.writeString(l.label()); g.writeNumber(l.code()); g.writeString(l.raw());
        } else if (v instanceof MetricValue.Text t) {
            g.writeString("T"); g.writeString(t.raw());
        } else if (v instanceof MetricValue.Sentinel s) {
            g.writeString("S"); g.writeString(s.meaning()); g.writeString(s.raw());
        } else if (v instanceof MetricValue.Invalid i) {
            g.writeString("I"); g.writeString(i.raw()); g.writeString(i.reason());
        }
    }

    /** Reads what {@link #encode} wrote; anything else is an {@link IllegalArgumentException} naming what was wrong. */
    static List<Sample> decode(InputStream in) throws IOException {
        List<Sample> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_ARRAY, "a JSON array of samples");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String id = null, at = null, status = null, detail = null;
                long latency = 0;
                Map<String, MetricValue> metrics = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    switch (f) {
                        case "t" -> id = p.getText();
                        case "at" -> at = p.getText();
                        case "s" -> status = p.getText();
                        case "l" -> latency = p.getLongValue();
                        case "d" -> detail = p.getText();
                        case "m" -> {
                            expect(p.currentToken(), JsonToken.START_OBJECT, "m: an object of metrics");
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String name = p.currentName();
                                expect(p.nextToken(), JsonToken.START_ARRAY, "metric " + name + ": an array");
                                metrics.put(name, value(p, name));
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                if (id == null || at == null || status == null) throw new IllegalArgumentException("a sample needs t, at and s");
                out.add(new Sample(id, Instant.parse(at), Sample.PollStatus.valueOf(status), metrics, latency, detail));
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "the end of the array");
        }
        return out;
    }

    private static MetricValue value(JsonParser p, String name) throws IOException {
        List<String> parts = new ArrayList<>(4);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) throw new IllegalArgumentException("metric " + name + ": truncated");
            parts.add(p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText());
        }
        if (parts.isEmpty()) throw new IllegalArgumentException("metric " + name + ": empty");
        try {
            return switch (parts.get(0)) {
                case "R" -> new MetricValue.Reading(Double.parseDouble(parts.get(1)), parts.get(2));
                case "L" -> new MetricValue.Label(parts.get(1), Long.parseLong(parts.get(2)), parts.get(3));
                case "T" -> new MetricValue.Text(parts.get(1));
                case "S" -> new MetricValue.Sentinel(parts.get(1), parts.get(2));
                case "I" -> new MetricValue.Invalid(parts.get(1), parts.get(2));
                default -> throw new IllegalArgumentException("metric " + name + ": unknown kind " + parts.get(0));
            };
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("metric " + name + ": " + e.getMessage());
        }
    }

    private static void expect(JsonToken got, JsonToken want, String what) {
        if (got != want) throw new IllegalArgumentException("expected " + what + ", found " + got);
    }
}
