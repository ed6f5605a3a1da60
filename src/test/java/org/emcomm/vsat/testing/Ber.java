package org.emcomm.vsat.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Just enough BER to write SNMP messages by hand: valid ones faster than a library would, and broken ones no
 * library would write (wrong types, cut short, garbage). */
public final class Ber {
    public static final int INTEGER = 0x02, OCTET_STRING = 0x04, NULL = 0x05, OID = 0x06, SEQUENCE = 0x30;
    public static final int IP_ADDRESS = 0x40, COUNTER32 = 0x41, GAUGE32 = 0x42, TIMETICKS = 0x43, COUNTER64 = 0x46;
    public static final int GET = 0xA0, RESPONSE = 0xA2, TRAP_V2 = 0xA7;

    private Ber() {}

    public static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = b.length;
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    public static byte[] seq(byte[]... parts) { return tlv(SEQUENCE, parts); }

    /** A signed INTEGER (or, with another tag, an unsigned application type: a leading 0 keeps it positive). */
    public static byte[] integer(int tag, long v) {
        byte[] b = java.math.BigInteger.valueOf(v).toByteArray();
        return tlv(tag, b);
    }

    public static byte[] integer(long v) { return integer(INTEGER, v); }

    public static byte[] octets(String s) { return tlv(OCTET_STRING, s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

    public static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
        for (int i = 2; i < p.length; i++) {
            long v = Long.parseLong(p[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7f);
                v >>>= 7;
            } while (v > 0);
            for (int j = n - 1; j >= 0; j--) out.write(tmp[j] | (j > 0 ? 0x80 : 0));
        }
        return tlv(OID, out.toByteArray());
    }

    public static byte[] ip(int a, int b, int c, int d) { return tlv(IP_ADDRESS, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}); }

    public static byte[] varbind(String oid, byte[] value) { return seq(oid(oid), value); }

    /** A v2c message: version 1, the community, the PDU. */
    public static byte[] v2c(String community, int pduTag, long requestId, int errorStatus, int errorIndex, byte[]... varbinds) {
        return seq(integer(1), octets(community), tlv(pduTag, integer(requestId), integer(errorStatus), integer(errorIndex), seq(varbinds)));
    }

    /** The request id and the requested OIDs of a v1/v2c GET (enough of a parser for a hand-made agent). */
    public record Request(long requestId, String community, java.util.List<String> oids) {}

    public static Request parseGet(byte[] m, int length) {
        int[] pos = {0};
        expect(m, pos, SEQUENCE);
        length(m, pos);
        expect(m, pos, INTEGER);
        skip(m, pos);
        expect(m, pos, OCTET_STRING);
        int cl = length(m, pos);
        String community = new String(m, pos[0], cl, java.nio.charset.StandardCharsets.UTF_8);
        pos[0] += cl;
        pos[0]++; // PDU tag
        length(m, pos);
        expect(m, pos, INTEGER);
        int il = length(m, pos);
        long id = new java.math.BigInteger(Arrays.copyOfRange(m, pos[0], pos[0] + il)).longValue();
        pos[0] += il;
        for (int i = 0; i < 2; i++) {
            expect(m, pos, INTEGER);
            skip(m, pos);
        }
        expect(m, pos, SEQUENCE);
        int end = length(m, pos) + pos[0];
        java.util.List<String> oids = new java.util.ArrayList<>();
        while (pos[0] < end && pos[0] < length) {
            expect(m, pos, SEQUENCE);
            int vl = length(m, pos);
            int next = pos[0] + vl;
            expect(m, pos, OID);
            int ol = length(m, pos);
            oids.add(oidText(Arrays.copyOfRange(m, pos[0], pos[0] + ol)));
            pos[0] = next;
        }
        return new Request(id, community, oids);
    }

    private static void expect(byte[] m, int[] pos, int tag) {
        if ((m[pos[0]] & 0xff) != tag) throw new IllegalArgumentException("expected tag " + tag + " at " + pos[0]);
        pos[0]++;
    }

    /** Past a value whose tag was read. ({@code pos[0] += length(m, pos)} would add to the position before length moved it.) */
    private static void skip(byte[] m, int[] pos) {
        int n = length(m, pos);
        pos[0] += n;
    }

    private static int length(byte[] m, int[] pos) {
        int first = m[pos[0]++] & 0xff;
        if (first < 128) return first;
        int n = first & 0x7f;
        int v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (m[pos[0]++] & 0xff);
        return v;
    }

    private static String oidText(byte[] b) {
        StringBuilder s = new StringBuilder();
        s.append(b[0] / 40).append('.').append(b[0] % 40);
        long v = 0;
        for (int i = 1; i < b.length; i++) {
            v = (v << 7) | (b[i] & 0x7f);
            if ((b[i] & 0x80) == 0) {
                s.append('.').append(v);
                v = 0;
            }
        }
        return s.toString();
    }
}
