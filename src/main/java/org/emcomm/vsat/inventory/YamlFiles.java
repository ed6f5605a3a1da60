package org.emcomm.vsat.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Strict YAML reading: unknown keys, duplicate keys and wrong types are errors that name
 * the file, the line and the key. */
public final class YamlFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlFiles() {}

    static <T> T read(Path file, Class<T> type) {
        T value = parse(file, type);
        if (value == null) throw new ConfigException(file.toString(), "", "the file is empty");
        return value;
    }

    /** As {@link #read}, for a file that may be absent or empty (then null): users.yaml. */
    public static <T> T readIfAny(Path file, Class<T> type) {
        if (!Files.exists(file)) return null;
        return parse(file, type);
    }

    private static <T> T parse(Path file, Class<T> type) {
        String name = file.toString();
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            return YAML.readValue(bytes, type);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "", "file not found");
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(name, path(e), "line " + line(e) + ": unknown key '"
                    + e.getPropertyName() + "' (allowed: " + allowed + ")");
        } catch (JsonMappingException e) {
            String key = path(e);
            // the value is never quoted back where it may be a secret: in a credentials or users file, or a ${…} reference
            boolean secretFile = SECRET_FILES.contains(file.getFileName().toString()) || SECRET_KEY.matcher(key).find();
            String duplicate = duplicate(e.getOriginalMessage());
            String why = duplicate != null ? duplicate
                    : secretFile ? "wrong type or shape (the value is not shown: this file holds secrets)" : safe(e.getOriginalMessage(), bytes);
            throw new ConfigException(name, key, "line " + line(e) + ": " + why);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, "", "line " + line(e) + ", column " + column(e) + ": not valid YAML: " + safe(e.getOriginalMessage(), bytes));
        } catch (IOException e) {
            throw new ConfigException(name, "", "cannot be read: " + e.getMessage());
        }
    }

    /** Jackson's duplicate-key message names a key, never a value. */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '[^'\\n]{0,200}'");
    /** "Duplicate field 'name'" when that is the parser's complaint (it names a key, never a value), else null. */
    static String duplicate(String message) {
        java.util.regex.Matcher m = DUPLICATE.matcher(String.valueOf(message));
        return m.find() ? m.group() : null;
    }

    /** Files whose every value may be a secret. */
    private static final java.util.Set<String> SECRET_FILES = java.util.Set.of("credentials.yaml", "users.yaml");
    /** Keys that hold secrets in any file. */
    private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile("(?i)(community|password|secret|token|key)$");

    /**
     * The parser's message without a word of the file: SnakeYAML quotes the lines around an error (with a caret under
     * them), and such a line may hold an inline secret or a {@code ${VAR:default}} with its default. What is left is the
     * kind of problem ("while scanning a quoted scalar … found unexpected end of stream"); line and column say where.
     */
    static String safe(String message, byte[] file) {
        if (message == null) return "";
        String text = file == null ? "" : new String(file, java.nio.charset.StandardCharsets.UTF_8);
        java.util.Set<String> lines = new java.util.HashSet<>();
        for (String l : text.split("\\R")) if (!l.isBlank()) lines.add(l.strip());
        StringBuilder out = new StringBuilder();
        for (String l : message.split("\\R")) {
            String t = l.strip();
            if (t.isEmpty() || t.chars().allMatch(c -> c == '^' || c == ' ')) continue; // the caret under a quoted line
            if (t.startsWith("in 'reader'") || t.startsWith("in 'string'") || t.startsWith("at [Source:")) continue; // where: we say line and column
            String bare = t.endsWith("...") ? t.substring(0, t.length() - 3).strip() : t; // SnakeYAML clips a long line at either end
            if (bare.startsWith("...")) bare = bare.substring(3).strip();
            if (lines.contains(t) || (!bare.isEmpty() && text.contains(bare) && bare.length() > 3)) continue; // a quoted line of the file
            if (out.length() > 0) out.append("; ");
            out.append(t.replaceAll("\\$\\{[^}]*}", "\\${…}"));
        }
        return out.length() == 0 ? "unreadable here" : out.toString();
    }

    private static int column(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) b.append('.');
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
