package io.hearth.server.admin;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The nonce ledger of a single node: fingerprints in one {@link FingerprintSet} per minute of expiry, a whole
 * minute dropped once it has passed, so nothing is forgotten before its window ends and nothing is kept much longer
 * (one minute at most). Holds at most {@code capacity} entries (about 11–21 bytes each); beyond that new calls get
 * {@link Use#FULL}. A lookup checks every live minute (about 125 with the 2-hour window), a few microseconds.
 * Called on any event loop; each call takes a short lock and completes at once.
 */
public final class LocalNonceLedger implements NonceLedger {

    static final long BUCKET_MILLIS = 60_000;

    private final int capacity;
    private final Clock clock;
    /** Bucket b holds the entries expiring in [(b-1)·60 s, b·60 s): droppable once the clock reaches b·60 s. */
    private final TreeMap<Long, FingerprintSet> byExpiry = new TreeMap<>();
    private int size;

    public LocalNonceLedger(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Use> firstUse(long fingerprint, long expiresAtMillis) {
        return CompletableFuture.completedFuture(use(fingerprint, expiresAtMillis));
    }

    private synchronized Use use(long fingerprint, long expiresAtMillis) {
        dropExpired(clock.millis());
        for (FingerprintSet s : byExpiry.values()) {
            if (s.contains(fingerprint)) {
                return Use.REPLAY;
            }
        }
        if (size >= capacity) {
            return Use.FULL;
        }
        byExpiry.computeIfAbsent(Math.floorDiv(expiresAtMillis, BUCKET_MILLIS) + 1, b -> new FingerprintSet())
                .add(fingerprint);
        size++;
        return Use.FIRST;
    }

    private void dropExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.firstKey() * BUCKET_MILLIS <= now) {
            Map.Entry<Long, FingerprintSet> oldest = byExpiry.pollFirstEntry();
            size -= oldest.getValue().size();
        }
    }

    @Override
    public synchronized int held() {
        dropExpired(clock.millis());
        return size;
    }
}
