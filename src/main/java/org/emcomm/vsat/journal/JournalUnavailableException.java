package org.emcomm.vsat.journal;

/** A record could not be written, and nothing of it was kept: the disk is full (or failed a write), or too little
 * space is left for an optional write. The journal stays whole and takes records again when space returns. */
public class JournalUnavailableException extends RuntimeException {
    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalUnavailableException(String message) {
        super(message);
    }
}
