package io.hearth.server.group;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The present members of super groups, for their notices: a 10,000-member list is read once per change of the
 * member list, not once per message. Each use reads the group's member version (its member update time, one row)
 * and reloads the list when it moved, so a change through any node is seen by the next message on every node, with
 * no invalidation message. A list read within {@value #SETTLE_MS} ms of its version is not kept: a second change in
 * the same millisecond would not move the version. At most {@value #MAX_CACHED_MEMBERS} member ids are kept over
 * all groups. Blocking (the store); called on the announcer thread.
 */
public final class SuperGroupMembers {

    static final long SETTLE_MS = 2;
    /** Most member ids kept over all groups; beyond, the cache starts again (a list is one query away). */
    static final int MAX_CACHED_MEMBERS = 1_000_000;

    private record Cached(long version, List<String> members) {
    }

    private final SuperGroupStore store;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong cached = new java.util.concurrent.atomic.AtomicLong();

    public SuperGroupMembers(SuperGroupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The group's present members now; empty for an unknown group. */
    public List<String> present(String groupId) {
        Long version = store.memberVersion(groupId).orElse(null);
        if (version == null) {
            cache.remove(groupId);
            return List.of();
        }
        Cached c = cache.get(groupId);
        if (c != null && c.version() == version) {
            return c.members();
        }
        List<String> members = List.copyOf(store.presentMembers(groupId));
        if (clock.millis() - version > SETTLE_MS && members.size() <= MAX_CACHED_MEMBERS) {
            if (cached.addAndGet(members.size()) > MAX_CACHED_MEMBERS) {
                cache.clear();
                cached.set(members.size());
            }
            Cached old = cache.put(groupId, new Cached(version, members));
            if (old != null) {
                cached.addAndGet(-old.members().size());
            }
        }
        return members;
    }
}
