package io.hearth.server.cluster.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.hearth.server.admin.NonceLedger;
import io.hearth.server.admin.NonceQuota;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The nonce ledger of a cluster: one Hazelcast map (fingerprint → true) with a time-to-live per entry, written by an
 * asynchronous put-if-absent entry processor, so a call accepted by one node is a replay on every other. Each node may have at most
 * its {@link NonceQuota} of live entries in the map (the cluster holds at most nodes × quota, plus one backup of
 * each). Never blocks: the futures complete on Hazelcast's threads.
 */
final class HazelcastNonceLedger implements NonceLedger {

    /** Kept a little past the window: Hazelcast's expiry may run late, never early, and late is safe. */
    private static final long TTL_MARGIN_MILLIS = 1_000;

    private final IMap<Long, Boolean> seen;
    private final NonceQuota quota;
    private final Clock clock;

    HazelcastNonceLedger(IMap<Long, Boolean> seen, NonceQuota quota, Clock clock) {
        this.seen = seen;
        this.quota = quota;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Use> firstUse(long fingerprint, long expiresAtMillis) {
        if (!quota.reserve(expiresAtMillis)) {
            // full here, but a replay is still a replay: look it up without adding
            return seen.getAsync(fingerprint).toCompletableFuture()
                    .thenApply(present -> present != null ? Use.REPLAY : Use.FULL);
        }
        long ttl = Math.max(1, expiresAtMillis - clock.millis()) + TTL_MARGIN_MILLIS;
        return seen.submitToKey(fingerprint, new PutIfAbsent(ttl)).toCompletableFuture()
                .handle((added, error) -> {
                    if (error != null || !added) {
                        quota.release(expiresAtMillis);
                    }
                    if (error != null) {
                        throw error instanceof RuntimeException r ? r : new IllegalStateException(error);
                    }
                    return added ? Use.FIRST : Use.REPLAY;
                });
    }

    /**
     * Puts {@code true} with a time-to-live if the key is absent, atomically on the partition owner (IMap has no
     * {@code putIfAbsentAsync} with a TTL); answers whether it added the entry.
     */
    static final class PutIfAbsent implements EntryProcessor<Long, Boolean, Boolean> {
        private static final long serialVersionUID = 1L;
        private final long ttlMillis;

        PutIfAbsent(long ttlMillis) {
            this.ttlMillis = ttlMillis;
        }

        @Override
        public Boolean process(Map.Entry<Long, Boolean> entry) {
            if (entry.getValue() != null) {
                return false;
            }
            ((ExtendedMapEntry<Long, Boolean>) entry).setValue(Boolean.TRUE, ttlMillis, TimeUnit.MILLISECONDS);
            return true;
        }
    }

    @Override
    public int held() {
        return quota.held();
    }
}
