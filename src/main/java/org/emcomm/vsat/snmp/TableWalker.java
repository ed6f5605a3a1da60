package org.emcomm.vsat.snmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Walks table columns side by side with GETBULK (or GETNEXT): each request carries the last
 * OID seen in every column still open; a column closes when an answer leaves its subtree.
 * The result maps column → (row index → value).
 */
public final class TableWalker {
    /** Stops a walk that an agent would otherwise keep going forever (a looping agent). */
    static final int MAX_REQUESTS = 100_000;

    private TableWalker() {}

    public record Result(SnmpResponse.Outcome outcome, String detail,
                         Map<String, Map<String, SnmpValue>> columns, int requests) {
        public boolean ok() { return outcome == SnmpResponse.Outcome.OK; }
    }

    public static CompletableFuture<Result> walk(SnmpClient client, SnmpTarget target, List<String> columns,
                                                 boolean bulk, int maxRepetitions) {
        Map<String, Map<String, SnmpValue>> out = new LinkedHashMap<>();
        for (String c : columns) out.put(c, new LinkedHashMap<>());
        CompletableFuture<Result> done = new CompletableFuture<>();
        step(client, target, new ArrayList<>(columns), new ArrayList<>(columns), bulk, maxRepetitions, out, 0, done);
        return done;
    }

    private static void step(SnmpClient client, SnmpTarget target, List<String> open, List<String> cursor,
                             boolean bulk, int maxRep, Map<String, Map<String, SnmpValue>> out, int requests,
                             CompletableFuture<Result> done) {
        if (open.isEmpty()) {
            done.complete(new Result(SnmpResponse.Outcome.OK, null, out, requests));
            return;
        }
        if (requests >= MAX_REQUESTS) {
            done.complete(new Result(SnmpResponse.Outcome.AGENT_ERROR, "walk did not end after " + requests + " requests", out, requests));
            return;
        }
        client.next(target, cursor, bulk, maxRep).whenComplete((resp, err) -> {
            if (err != null) {
                done.complete(new Result(SnmpResponse.Outcome.SEND_FAILED, err.toString(), out, requests + 1));
                return;
            }
            if (!resp.ok()) {
                done.complete(new Result(resp.outcome(), resp.detail(), out, requests + 1));
                return;
            }
            List<String> nextOpen = new ArrayList<>();
            List<String> nextCursor = new ArrayList<>();
            int width = open.size();
            List<Varbind> vbs = resp.varbinds();
            for (int c = 0; c < width; c++) {
                String column = open.get(c);
                String prefix = column + ".";
                String last = cursor.get(c);
                boolean stillOpen = true;
                boolean progressed = false;
                // GETBULK answers are interleaved: row r of column c is at r * width + c.
                for (int i = c; i < vbs.size(); i += width) {
                    Varbind vb = vbs.get(i);
                    if (vb.value().syntax() == SnmpValue.Syntax.END_OF_MIB_VIEW || !vb.oid().startsWith(prefix)) {
                        stillOpen = false;
                        break;
                    }
                    if (compare(vb.oid(), last) <= 0) { // agent went backwards: stop rather than loop
                        stillOpen = false;
                        break;
                    }
                    out.get(column).put(vb.oid().substring(prefix.length()), vb.value());
                    last = vb.oid();
                    progressed = true;
                }
                if (stillOpen && progressed) {
                    nextOpen.add(column);
                    nextCursor.add(last);
                }
            }
            step(client, target, nextOpen, nextCursor, bulk, maxRep, out, requests + 1, done);
        });
    }

    /** Compares dotted OIDs numerically, arc by arc. */
    public static int compare(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ie = a.indexOf('.', i); if (ie < 0) ie = a.length();
            int je = b.indexOf('.', j); if (je < 0) je = b.length();
            int c = Long.compare(Long.parseLong(a, i, ie, 10), Long.parseLong(b, j, je, 10));
            if (c != 0) return c;
            i = ie + 1; j = je + 1;
        }
        boolean aDone = i >= a.length(), bDone = j >= b.length();
        return aDone && bDone ? 0 : aDone ? -1 : 1;
    }
}
