package io.hearth.server.relation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions one change moved forward, recorded as it bumps them through its {@link RelationStore.Changes}, so
 * that after the commit every user whose friend list or requests changed is told the new version. Confined to the
 * thread running the change.
 */
final class Bumps {

    private final RelationStore.Changes tx;
    private final Map<String, Long> friend = new LinkedHashMap<>();
    private final Map<String, Long> request = new LinkedHashMap<>();

    Bumps(RelationStore.Changes tx) {
        this.tx = tx;
    }

    /** The user's new friend version; bumped once per change however often asked. */
    long friend(String userId) {
        return friend.computeIfAbsent(userId, tx::bumpFriend);
    }

    /** The user's new friend-request version; bumped once per change however often asked. */
    long request(String userId) {
        return request.computeIfAbsent(userId, tx::bumpRequest);
    }

    RelationStore.Changes tx() {
        return tx;
    }

    Map<String, Long> friendVersions() {
        return friend;
    }

    Map<String, Long> requestVersions() {
        return request;
    }
}
