package org.emcomm.vsat.storage;

import com.influxdb.query.InfluxQLQueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.journal.JournalEvent;

/** Reads forwarded events back from InfluxDB, in sequence order, for a fresh node's rebuild. */
final class InfluxEventArchive {
    private InfluxEventArchive() {}

    static List<JournalEvent> readAll(InfluxConnection influx) {
        InfluxQLQueryResult r = influx.query(influx.records, "SELECT * FROM " + InfluxConnection.quoteIdent(EventForwarder.MEASUREMENT));
        List<JournalEvent> out = new ArrayList<>();
        if (r == null || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null) return out;
        for (InfluxQLQueryResult.Series s : r.getResults().get(0).getSeries()) {
            Map<String, Integer> c = s.getColumns();
            for (InfluxQLQueryResult.Series.Record rec : s.getValues()) {
                Object[] v = rec.getValues();
                out.add(new JournalEvent(num(v[c.get("seq")]), str(v, c, "stream"), num(v[c.get("stream_seq")]),
                        Instant.parse(str(v, c, "at")), str(v, c, "type"), str(v, c, "entity"), str(v, c, "actor"),
                        str(v, c, "payload"), str(v, c, "prev"), str(v, c, "hash")));
            }
        }
        out.sort(Comparator.comparingLong(JournalEvent::seq));
        return out;
    }

    /** The highest sequence number archived, 0 when none. */
    static long lastSeq(InfluxConnection influx) {
        InfluxQLQueryResult r = influx.query(influx.records, "SELECT max(\"seq\") FROM " + InfluxConnection.quoteIdent(EventForwarder.MEASUREMENT));
        if (r == null || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null || r.getResults().get(0).getSeries().isEmpty()) return 0;
        InfluxQLQueryResult.Series s = r.getResults().get(0).getSeries().get(0);
        Integer col = s.getColumns().get("max");
        return col == null || s.getValues().isEmpty() ? 0 : num(s.getValues().get(0).getValues()[col]);
    }

    private static long num(Object o) {
        Double d = InfluxSampleStore.number(o);
        if (d == null) throw new IllegalStateException("event point without a sequence number");
        return d.longValue();
    }

    private static String str(Object[] v, Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        if (i == null || v[i] == null) return null;
        String s = v[i].toString();
        return s.isEmpty() && !"payload".equals(name) ? null : s;
    }
}
