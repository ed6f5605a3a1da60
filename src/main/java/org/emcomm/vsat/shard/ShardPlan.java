package org.emcomm.vsat.shard;

import java.nio.charset.StandardCharsets;
import org.emcomm.vsat.inventory.Topology.Terminal;

/**
 * Which replica polls which terminal: replica k of n polls the terminals whose key hashes to k
 * (mod n). The key is the terminal's id; for a remote read from its hub's table it is the hub's
 * id, so one replica reads each hub table once instead of every replica reading it for a few rows.
 * The hash is FNV-1a over the key's UTF-8 bytes with a murmur3 finish: the same on every JVM and
 * release, unlike anything seeded.
 */
public record ShardPlan(int count) {
    public ShardPlan {
        if (count < 1) throw new IllegalArgumentException("shard count must be at least 1, was " + count);
    }

    /** The replica that owns this terminal under this plan. */
    public int owner(Terminal t) {
        return owner(hash(key(t)));
    }

    /** The replica that owns a terminal whose key hashes to {@code hash}. */
    public int owner(int hash) {
        return Math.floorMod(hash, count);
    }

    public static String key(Terminal t) {
        return t.viaHub() ? "hub:" + t.hub() : t.id();
    }

    /** 32-bit FNV-1a with murmur3's fmix32, so ids that differ only in their last digit spread evenly. */
    public static int hash(String key) {
        int h = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
