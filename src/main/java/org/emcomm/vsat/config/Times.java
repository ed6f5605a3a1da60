package org.emcomm.vsat.config;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as people read them in texts and documents: the configured zone, to the second, with the offset. */
public final class Times {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Times() {}

    /** "2026-11-29 19:18:16 +08:00"; "—" for none. */
    public static String text(Instant t, ZoneId zone) { return t == null ? "—" : TEXT.withZone(zone).format(t); }

    /** "19:18:16": a time of day within a text that already says which day. */
    public static String clock(Instant t, ZoneId zone) { return t == null ? "—" : CLOCK.withZone(zone).format(t); }
}
