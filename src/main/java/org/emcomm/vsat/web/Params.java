package org.emcomm.vsat.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Query parameter parsing with errors that name the parameter. */
final class Params {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Params() {}

    /** The years a time the service stores may fall in: a time outside them is a mistake (or an attack on every later
     * read and document of the record), never a plan or a record. */
    static final int FIRST_YEAR = 1970, LAST_YEAR = 2200;

    /** ISO-8601 with offset ("2026-11-21T10:00:00+08:00"), without offset (read in {@code zone}), a date, or null; in the
     * years {@value #FIRST_YEAR}–{@value #LAST_YEAR}. */
    static Instant instant(String name, String text, ZoneId zone) {
        Instant t = parse(name, text, zone);
        if (t != null) {
            int year = t.atZone(java.time.ZoneOffset.UTC).getYear();
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                throw ApiException.invalid(name, org.emcomm.vsat.command.Refusal.quote(text) + " is outside the years " + FIRST_YEAR + "–" + LAST_YEAR);
            }
        }
        return t;
    }

    private static Instant parse(String name, String text, ZoneId zone) {
        if (text == null || text.isBlank()) return null;
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, org.emcomm.vsat.command.Refusal.quote(text) + " is not a time: use ISO-8601 such as 2026-11-21T10:00:00+08:00");
        }
    }

    /** "30s", "5m", "1h", "1d" or ISO-8601 ("PT5M"), or null. */
    /** {@code true} or {@code false} (any case); null when absent. */
    static Boolean bool(String name, String text) {
        if (text == null) return null;
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "'" + text + "' is not true or false");
        };
    }

    static Duration duration(String name, String text) {
        if (text == null || text.isBlank()) return null;
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(s);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(name, "'" + text + "' is not a duration: use 30s, 5m, 1h, 1d or ISO-8601 (PT5M)");
            }
        }
        if (d.isNegative() || d.isZero()) throw ApiException.invalid(name, "must be positive");
        return d;
    }

    /** A calendar year between 2000 and 2100, or {@code fallback} when absent. */
    static int year(String name, String text, int fallback) {
        if (text == null || text.isBlank()) return fallback;
        try {
            int y = Integer.parseInt(text.trim());
            if (y < 2000 || y > 2100) throw ApiException.invalid(name, "'" + text + "' is not a year between 2000 and 2100");
            return y;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "'" + text + "' is not a year");
        }
    }

    /** An enum constant by name (any case), or a 400 naming the field and listing the constants. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "'" + text + "' is not one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }
}
