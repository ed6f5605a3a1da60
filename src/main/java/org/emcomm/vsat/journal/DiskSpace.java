package org.emcomm.vsat.journal;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data disk as the journal sees it: its free space, and a check before each write. The file system answers here;
 * a test stands in for a full disk where it cannot mount a small one. */
@ApplicationScoped
public class DiskSpace {
    /** Bytes the process may still write on the file system holding {@code path}; Long.MAX_VALUE when it cannot say. */
    public long usable(Path path) {
        try {
            return Files.getFileStore(path).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Before the journal writes {@code bytes} to {@code file}: the disk itself says no by failing the write. */
    public void beforeWrite(Path file, long bytes) throws IOException { }
}
