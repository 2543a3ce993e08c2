package io.hearth.server.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link MessageStore} in memory for service tests; {@link #failWrites} makes the next writes fail. */
final class InMemoryMessageStore implements MessageStore {

    final Map<Long, StoredMessage> messages = new ConcurrentHashMap<>();
    final Map<String, TreeMap<Long, TimelineEntry>> timelines = new ConcurrentHashMap<>();
    final Map<String, TreeMap<Long, Long>> shared = new ConcurrentHashMap<>();
    final AtomicBoolean failWrites = new AtomicBoolean();
    /** Webhook rows the writer put in its transactions. */
    final List<io.hearth.server.event.OutboxRow> outboxRows = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Fan-out job id to cursor. */
    final Map<Long, String> fanoutCursors = new ConcurrentHashMap<>();

    @Override
    public synchronized void write(java.util.function.Consumer<TimelineBatch> work) {
        if (failWrites.get()) {
            throw new io.hearth.server.storage.StorageException("write", new java.sql.SQLException("database down"));
        }
        List<StoredMessage> ms = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        List<SharedEntry> sharedEntries = new ArrayList<>();
        List<StoredMessage> replaced = new ArrayList<>();
        List<TimelineEntry> retargeted = new ArrayList<>();
        work.accept(new TimelineBatch() {
            @Override
            public Map<String, Long> lockHeads(java.util.Collection<String> userIds) {
                Map<String, Long> out = new java.util.HashMap<>();
                userIds.forEach(u -> out.put(u, head(u)));
                return out;
            }

            @Override
            public Map<String, Long> lockSharedHeads(java.util.Collection<String> ids) {
                Map<String, Long> out = new java.util.HashMap<>();
                ids.forEach(t -> out.put(t, sharedHead(t)));
                return out;
            }

            @Override
            public boolean replace(StoredMessage changed, int fromStates) {
                StoredMessage now = messages.get(changed.messageUid());
                if (now == null || (fromStates & (1 << now.state())) == 0) {
                    return false;
                }
                replaced.add(changed);
                return true;
            }

            @Override
            public int retarget(String userId, Copies copies, long toUid) {
                int n = 0;
                TreeMap<Long, TimelineEntry> t = timelines.getOrDefault(userId, new TreeMap<>());
                for (Map.Entry<Long, TimelineEntry> e : t.entrySet()) {
                    if (takes(copies, userId, e.getValue())) {
                        retargeted.add(new TimelineEntry(userId, e.getKey(), toUid, e.getValue().serverTime()));
                        n++;
                    }
                }
                return n;
            }

            @Override
            public void outbox(java.util.List<io.hearth.server.event.OutboxRow> rows) {
                outboxRows.addAll(rows);
            }

            @Override
            public boolean advanceFanout(FanoutStep step) {
                String now = fanoutCursors.getOrDefault(step.jobId(), "");
                if (!now.equals(step.fromCursor())) {
                    return false;
                }
                fanoutCursors.put(step.jobId(), step.toCursor());
                return true;
            }

            @Override
            public void append(List<StoredMessage> m, List<TimelineEntry> e, List<SharedEntry> s) {
                ms.addAll(m);
                entries.addAll(e);
                sharedEntries.addAll(s);
            }
        });
        for (TimelineEntry e : entries) {
            TreeMap<Long, TimelineEntry> t = timelines.get(e.userId());
            if (t != null && t.containsKey(e.seq())) {
                throw new IllegalStateException("duplicate seq " + e);
            }
        }
        ms.forEach(m -> messages.put(m.messageUid(), m));
        replaced.forEach(m -> messages.put(m.messageUid(), m));
        retargeted.forEach(e -> timelines.get(e.userId()).put(e.seq(), e));
        entries.forEach(e -> timelines.computeIfAbsent(e.userId(), u -> new TreeMap<>()).put(e.seq(), e));
        for (SharedEntry e : sharedEntries) {
            if (shared.computeIfAbsent(e.timelineId(), t -> new TreeMap<>())
                    .putIfAbsent(e.seq(), e.message().messageUid()) != null) {
                throw new IllegalStateException("duplicate shared seq " + e);
            }
        }
    }

    private boolean takes(Copies copies, String userId, TimelineEntry e) {
        if (copies instanceof Copies.Of one) {
            return e.messageUid() == one.messageUid();
        }
        Copies.InConversation in = (Copies.InConversation) copies;
        StoredMessage m = messages.get(e.messageUid());
        if (m == null || e.serverTime() < in.fromTime() || e.serverTime() > in.toTime()) {
            return false;
        }
        io.hearth.protocol.pb.Conversation seen = m.sender().equals(userId) || m.conversation().getType() != 0
                ? m.conversation() : m.conversation().toBuilder().setTarget(m.sender()).build();
        return seen.equals(in.conversation());
    }

    @Override
    public Optional<StoredMessage> find(long uid) {
        return Optional.ofNullable(messages.get(uid));
    }

    @Override
    public long largestUid(long limit) {
        return messages.keySet().stream().mapToLong(Long::longValue).filter(u -> u <= limit).max().orElse(0);
    }

    @Override
    public Map<ClientMessageKey, StoredMessage> findByClientMessageIds(java.util.Collection<ClientMessageKey> keys) {
        Map<ClientMessageKey, StoredMessage> out = new java.util.HashMap<>();
        for (StoredMessage m : messages.values()) {
            ClientMessageKey k = ClientMessageKey.of(m);
            if (k != null && keys.contains(k)) {
                out.put(k, m);
            }
        }
        return out;
    }

    @Override
    public synchronized long head(String userId) {
        TreeMap<Long, TimelineEntry> t = timelines.get(userId);
        return t == null || t.isEmpty() ? 0 : t.lastKey();
    }

    @Override
    public synchronized List<Entry> pull(String userId, long since, long minTime, int limit) {
        List<Entry> out = new ArrayList<>();
        TreeMap<Long, TimelineEntry> t = timelines.getOrDefault(userId, new TreeMap<>());
        for (TimelineEntry e : t.tailMap(since, false).values()) {
            if (e.serverTime() >= minTime && out.size() < limit) {
                out.add(new Entry(e.seq(), messages.get(e.messageUid())));
            }
        }
        return out;
    }

    @Override
    public synchronized long sharedHead(String id) {
        TreeMap<Long, Long> t = shared.get(id);
        return t == null || t.isEmpty() ? 0 : t.lastKey();
    }

    @Override
    public synchronized List<Entry> pullShared(String id, long since, long minTime, int limit) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Long, Long> e : shared.getOrDefault(id, new TreeMap<>()).tailMap(since, false).entrySet()) {
            if (out.size() < limit && messages.get(e.getValue()).serverTime() >= minTime) {
                out.add(new Entry(e.getKey(), messages.get(e.getValue())));
            }
        }
        return out;
    }
}
