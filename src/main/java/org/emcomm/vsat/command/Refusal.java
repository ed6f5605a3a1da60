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

    /** The trimmed text, or INVALID when it is missing, blank, longer than {@code max} or holds a control character. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new Refusal(Kind.INVALID, field, "is required");
        return limit(field, value, max).trim();
    }

    /**
     * The text as given (CR LF read as LF), or INVALID when it is longer than {@code max} characters or holds a control
     * character other than newline and tab: a NUL or an escape sequence has no place in a record, and would reach
     * logs, documents and terminals as it came.
     */
    public static String limit(String field, String value, int max) {
        String v = value.indexOf('\r') >= 0 ? value.replace("\r\n", "\n") : value;
        if (v.length() > max) throw new Refusal(Kind.INVALID, field, "longer than " + max + " characters (" + v.length() + ")");
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t') {
                throw new Refusal(Kind.INVALID, field, String.format(Locale.ROOT, "holds a control character (U+%04X at %d); only newline and tab are allowed", cp, i));
            }
            i += Character.charCount(cp);
        }
        return v;
    }

    /** An optional text: null stays null, otherwise as {@link #limit}. */
    public static String optional(String field, String value, int max) {
        return value == null ? null : limit(field, value, max);
    }

    /** A value a caller gave, as an error message may show it: at most 60 characters, control characters escaped. */
    public static String quote(String value) {
        if (value == null) return "null";
        StringBuilder b = new StringBuilder("'");
        int n = 0;
        for (int i = 0; i < value.length() && n < 60; n++) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.CONTROL) b.append(String.format(Locale.ROOT, "\\u%04x", cp));
            else b.appendCodePoint(cp);
        }
        if (n >= 60 && value.codePointCount(0, value.length()) > 60) b.append("…");
        return b.append("'").toString();
    }

    /** An enum constant by name (any case; '-' and ' ' read as '_'), or INVALID naming the field and listing the constants. */
    public static <E extends Enum<E>> E enumOf(Class<E> type, String field, String text) {
        String all = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (text == null || text.isBlank()) throw new Refusal(Kind.INVALID, field, "is required: one of " + all);
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Kind.INVALID, field, quote(text) + " is not one of " + all);
        }
    }
}
