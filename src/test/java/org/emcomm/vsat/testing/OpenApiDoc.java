package org.emcomm.vsat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The service's own OpenAPI document, read as operations with their parameters and body schemas, so tests can
 * walk every operation instead of a hand-kept list. */
public final class OpenApiDoc {
    public record Param(String name, String in, JsonNode schema) {}

    public record Operation(String method, String path, List<Param> params, JsonNode body, String bodyType) {
        public String key() { return method + " " + path; }
    }

    private final JsonNode doc;

    public OpenApiDoc(String json) throws Exception {
        this.doc = new ObjectMapper().readTree(json);
    }

    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (!p.getKey().startsWith("/api/")) continue;
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> o = ops.next();
                List<Param> params = new ArrayList<>();
                for (JsonNode q : o.getValue().path("parameters")) params.add(new Param(q.path("name").asText(), q.path("in").asText(), resolve(q.path("schema"))));
                JsonNode content = o.getValue().path("requestBody").path("content");
                String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode body = bodyType == null ? null : resolve(content.path(bodyType).path("schema"));
                out.add(new Operation(o.getKey().toUpperCase(), p.getKey(), params, body, bodyType));
            }
        }
        return out;
    }

    /** Follows a {@code $ref} to its schema (one level; properties are resolved when read). */
    public JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 5 && s != null && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = doc.at(ref.substring(1));
        }
        if (s != null && s.has("allOf") && s.get("allOf").size() == 1) return resolve(s.get("allOf").get(0));
        return s;
    }
}
