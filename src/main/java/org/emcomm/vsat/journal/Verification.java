package org.emcomm.vsat.journal;

/** The result of reading the whole journal and checking every CRC, sequence number and hash link. */
public record Verification(boolean ok, long events, long headSeq, String headHash, boolean tornTail,
                           String file, long offset, String problem) {

    static Verification of(JournalScanner.Result r) {
        if (r.damage != null) {
            return new Verification(false, r.events, r.lastSeq, r.lastHash, false, String.valueOf(r.damageFile), r.damageOffset, r.damage);
        }
        if (r.tornAt >= 0) {
            return new Verification(true, r.events, r.lastSeq, r.lastHash, true, String.valueOf(r.lastSegment), r.tornAt,
                    "torn last entry (" + r.tornBytes + " bytes), cut at the next start");
        }
        return new Verification(true, r.events, r.lastSeq, r.lastHash, false, null, 0, null);
    }
}
