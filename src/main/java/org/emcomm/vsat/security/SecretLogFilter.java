package org.emcomm.vsat.security;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps keys that libraries would print out of the log. Quarkus writes the console session key it makes when
 * EMCOMM_SESSION_KEY is unset into a WARN line; whoever reads the log could then forge sessions. The line stays,
 * the key goes. Installed on the console handler (application.properties: quarkus.log.console.filter).
 */
@LoggingFilter(name = "emcomm-secrets")
public final class SecretLogFilter implements Filter {
    private static final Pattern TEMPORARY_KEY = Pattern.compile("(using temporary key )\\S+");

    @Override
    public boolean isLoggable(LogRecord record) {
        String text = record instanceof ExtLogRecord e ? e.getFormattedMessage() : record.getMessage();
        if (text != null && text.contains("temporary key")) {
            String redacted = TEMPORARY_KEY.matcher(text).replaceAll("$1<secret> (set EMCOMM_SESSION_KEY to keep sessions across restarts)");
            if (record instanceof ExtLogRecord e) e.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            else record.setMessage(redacted);
            record.setParameters(null);
        }
        return true;
    }
}
