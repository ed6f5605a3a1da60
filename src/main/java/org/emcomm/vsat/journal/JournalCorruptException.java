package org.emcomm.vsat.journal;

import java.nio.file.Path;

/** Damage inside the journal (not a torn last entry): the start stops and names where. */
public final class JournalCorruptException extends RuntimeException {
    private final Path file;
    private final long offset;

    public JournalCorruptException(Path file, long offset, String reason) {
        super("journal damaged in " + file + " at byte " + offset + ": " + reason
                + ". Nothing was changed. See docs/storage.md (\"A damaged journal\"): check the disk, restore the file,"
                + " or start once with emcomm.journal.cut-at-damage=true to move the damaged part aside and go on.");
        this.file = file;
        this.offset = offset;
    }

    public Path file() { return file; }

    public long offset() { return offset; }
}
