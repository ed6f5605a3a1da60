package org.emcomm.vsat.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.emcomm.vsat.config.EmcommConfig;

/** Turns domain records into JSON with every time as ISO-8601 in the configured zone (with its offset),
 * durations as ISO-8601 ("PT30M"), and absent values left out. */
@ApplicationScoped
public class ZonedJson {
    private final ObjectMapper mapper;

    ZonedJson(EmcommConfig config) {
        ZoneId zone = config.zone();
        SimpleModule m = new SimpleModule();
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(OffsetDateTime.ofInstant(v, zone).toString());
            }
        });
        m.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        this.mapper = new ObjectMapper().registerModule(m).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public JsonNode tree(Object value) { return mapper.valueToTree(value); }

    public ObjectMapper mapper() { return mapper; }
}
