package io.hearth.server.admin;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many entries this node has put into a shared nonce ledger that have not expired yet, counted per minute of
 * expiry like {@link LocalNonceLedger}, and at most {@code capacity} of them: a shared ledger uses it so that one
 * node's flood of signed calls cannot fill the cluster's memory (each node is bounded, so the cluster is bounded by
 * nodes × capacity). Thread-safe; short locks, called on event loops and cluster threads.
 */
public final class NonceQuota {

    private final int capacity;
    private final Clock clock;
    private final TreeMap<Long, Integer> byExpiry = new TreeMap<>();
    private int total;

    public NonceQuota(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Takes one place for an entry expiring at {@code expiresAtMillis}; false when none is left. */
    public synchronized boolean reserve(long expiresAtMillis) {
        dropExpired();
        if (total >= capacity) {
            return false;
        }
        byExpiry.merge(bucket(expiresAtMillis), 1, Integer::sum);
        total++;
        return true;
    }

    /** Gives back a place taken by {@link #reserve} whose entry was not stored after all. */
    public synchronized void release(long expiresAtMillis) {
        long b = bucket(expiresAtMillis);
        Integer n = byExpiry.get(b);
        if (n == null) {
            return; // expired meanwhile: already dropped from the total
        }
        if (n == 1) {
            byExpiry.remove(b);
        } else {
            byExpiry.put(b, n - 1);
        }
        total--;
    }

    public synchronized int held() {
        dropExpired();
        return total;
    }

    private void dropExpired() {
        long now = clock.millis();
        while (!byExpiry.isEmpty() && byExpiry.firstKey() * LocalNonceLedger.BUCKET_MILLIS <= now) {
            Map.Entry<Long, Integer> oldest = byExpiry.pollFirstEntry();
            total -= oldest.getValue();
        }
    }

    private static long bucket(long expiresAtMillis) {
        return Math.floorDiv(expiresAtMillis, LocalNonceLedger.BUCKET_MILLIS) + 1;
    }
}
