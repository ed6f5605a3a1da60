package org.emcomm.vsat.command;

import java.util.Arrays;
import java.util.Locale;

/**
 * A command on the records (incidents, emergencies, tasks, drills) that the rules refuse. The web layer
 * turns every refusal into problem+json: NOT_FOUND → 404, CONFLICT → 409, INVALID → 400 naming the field,
 * TOO_LARGE → 413, UNSUPPORTED → 415. The field checks every feature shares live here.
 */
public class Refusal extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, TOO_LARGE, UNSUPPORTED }

    private final Kind kind;
    private final String field;

    protected Refusal(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() { return kind; }

    public String field() { return field; }

    /** The trimmed text, or INVALID when it is missing, blank or longer than {@code max}. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new Refusal(Kind.INVALID, field, "is required");
        return limit(field, value, max).trim();
    }

    /** The text as given, or INVALID when it is longer than {@code max}. */
    public static String limit(String field, String value, int max) {
        if (value.length() > max) throw new Refusal(Kind.INVALID, field, "longer than " + max + " characters");
        return value;
    }

    /** An enum constant by name (any case; '-' and ' ' read as '_'), or INVALID naming the field and listing the constants. */
    public static <E extends Enum<E>> E enumOf(Class<E> type, String field, String text) {
        String all = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (text == null || text.isBlank()) throw new Refusal(Kind.INVALID, field, "is required: one of " + all);
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Kind.INVALID, field, "'" + text + "' is not one of " + all);
        }
    }
}
