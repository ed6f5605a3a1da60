package org.emcomm.vsat.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.nio.file.Path;
import org.emcomm.vsat.journal.DiskSpace;

/** The data disk, with a full one switched on by the test where it cannot mount a small tmpfs (not root): the free
 * space it reports and the journal's writes failing as Linux fails them (ENOSPC's message). Off, it is the real disk. */
@Alternative
@ApplicationScoped
public class SimulatedDisk extends DiskSpace {
    private volatile Long free;
    private volatile boolean full;

    public void free(Long bytes) { this.free = bytes; }

    public void full(boolean full) { this.full = full; }

    @Override
    public long usable(Path path) {
        if (full) return 0;
        Long f = free;
        return f != null ? f : super.usable(path);
    }

    @Override
    public void beforeWrite(Path file, long bytes) throws IOException {
        if (full) throw new IOException("No space left on device");
    }
}
