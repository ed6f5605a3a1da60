package org.emcomm.vsat.journal;

import java.nio.file.Path;

/** {@code make verify-journal DATA=data}: checks every CRC, sequence number and hash link; exit 0 when the chain holds. */
public final class JournalVerifyMain {
    private JournalVerifyMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "data").resolve("journal");
        Verification v = Journal.verify(dir);
        System.out.printf("journal %s: %s, %d events, head seq %d, head hash %s%n", dir, v.ok() ? "chain holds" : "BROKEN",
                v.events(), v.headSeq(), v.headHash());
        if (v.problem() != null) System.out.printf("%s at byte %d of %s%n", v.problem(), v.offset(), v.file());
        System.exit(v.ok() ? 0 : 1);
    }
}
