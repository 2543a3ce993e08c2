package io.hearth.server.admin;

import java.util.concurrent.CompletableFuture;

/**
 * Remembers which signed server API calls were already accepted, so that a captured header set works once only.
 * A call is identified by a 64-bit fingerprint of its verified signature (which covers nonce and timestamp), and
 * is remembered until {@code expiresAtMillis}, the last moment its timestamp would still pass the age check. One
 * node keeps it in memory ({@link LocalNonceLedger}); a cluster shares it, because an app server may send a replay
 * to any node. Implementations are bounded: when full they answer {@link Use#FULL} rather than forget an entry
 * early (forgetting would reopen the replay). Called on event loops; must not block.
 */
public interface NonceLedger {

    /** What the ledger says about one call. */
    enum Use {
        /** Never seen within the window: now remembered, the call may run. */
        FIRST,
        /** Seen before and still within its window: a replay. */
        REPLAY,
        /** Not seen, but the ledger holds as many entries as it may: refused, nothing remembered. */
        FULL
    }

    /**
     * Records the call if it is new. The future may complete on another thread (a cluster's); it fails when the
     * shared ledger cannot be reached, in which case the call must be refused.
     */
    CompletableFuture<Use> firstUse(long fingerprint, long expiresAtMillis);

    /** Entries this node holds or has added and that have not expired yet (for the metric). */
    int held();
}
