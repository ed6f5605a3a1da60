package org.emcomm.vsat.journal;

/** A record could not be written, and nothing of it was kept: the disk is full (or failed a write), or too little
 * space is left for an optional write. The journal stays whole and takes records again when space returns. */
public class JournalUnavailableException extends RuntimeException implements org.emcomm.vsat.config.Ticker.SaidOnce {
    /** Whether a failed write is the disk being full (ENOSPC: "No space left on device"). */
    public static boolean noSpace(java.io.IOException e) {
        return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("no space");
    }

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalUnavailableException(String message) {
        super(message);
    }
}
