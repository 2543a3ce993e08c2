package io.hearth.server.mqtt;

import io.hearth.protocol.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The topic filters of one connection, at most {@code limit}, and what they select: for each push kind of
 * {@link Topics#PUSH_KINDS}, whether the connection gets its protobuf form, its JSON form, both or neither. The
 * filters are matched against the push topics when they change (SUBSCRIBE, UNSUBSCRIBE: the connection's own event
 * loop pays for its own filters), so a push costs one lookup however many filters the client holds.
 */
final class Subscriptions {

    /** The forms of one push kind a connection gets. */
    record Forms(boolean proto, boolean json) {
        static final Forms NONE = new Forms(false, false);
    }

    private final String userId;
    private final int limit;
    private final Set<String> filters = new HashSet<>();
    private volatile Selection selection = Selection.EMPTY;

    Subscriptions(String userId, int limit) {
        this.userId = userId;
        this.limit = limit;
    }

    /** Outcome of {@link #add}. */
    enum Added { GRANTED, OVER_LIMIT }

    /** Adds a filter (already allowed by {@link TopicAcl}); a filter held already is granted again. Event loop. */
    Added add(String filter) {
        if (!filters.contains(filter) && filters.size() >= limit) {
            return Added.OVER_LIMIT;
        }
        if (filters.add(filter)) {
            selection = selection.with(userId, filter);
        }
        return Added.GRANTED;
    }

    /** Removes filters; for each, whether it was held. The selection is worked out once. Event loop. */
    boolean[] removeAll(List<String> removed) {
        boolean[] held = new boolean[removed.size()];
        boolean any = false;
        for (int i = 0; i < held.length; i++) {
            held[i] = filters.remove(removed.get(i));
            any |= held[i];
        }
        if (any) {
            Selection s = Selection.EMPTY;
            for (String f : filters) {
                s = s.with(userId, f);
            }
            selection = s;
        }
        return held;
    }

    int size() {
        return filters.size();
    }

    /** The forms of push {@code kind} this connection gets. Any thread. */
    Forms forms(String kind) {
        return selection.forms(kind);
    }

    /** Which push kinds the filters select, per form; immutable, replaced as a whole. */
    private record Selection(Set<String> proto, Set<String> json) {
        static final Selection EMPTY = new Selection(Set.of(), Set.of());
        private static final Forms PROTO = new Forms(true, false);
        private static final Forms JSON = new Forms(false, true);
        private static final Forms BOTH = new Forms(true, true);

        Selection with(String userId, String filter) {
            Set<String> p = new HashSet<>(proto);
            Set<String> j = new HashSet<>(json);
            for (String kind : Topics.PUSH_KINDS) {
                if (TopicAcl.matches(filter, Topics.push(userId, kind))) {
                    p.add(kind);
                }
                if (TopicAcl.matches(filter, Topics.jsonPush(userId, kind))) {
                    j.add(kind);
                }
            }
            return p.equals(proto) && j.equals(json) ? this : new Selection(Set.copyOf(p), Set.copyOf(j));
        }

        Forms forms(String kind) {
            return proto.contains(kind) ? (json.contains(kind) ? BOTH : PROTO) : json.contains(kind) ? JSON : Forms.NONE;
        }
    }
}
