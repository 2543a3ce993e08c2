package io.hearth.server.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest entries of each shared timeline, kept on this node: when a message reaches a super group, every
 * online member pulls it within a moment, and those pulls are served from here instead of each reading the same
 * rows. In front of the {@link SharedTimelines} of the feature that owns them: entries this node commits are kept
 * before the owner is told ({@link #committed}), so the pulls its notices start find them; entries read from the
 * database on a miss are kept too (the commits of other nodes). A timeline's tail is one gap-free run of at most
 * {@value #PER_TIMELINE} entries, so an answer from it is exactly what the database would give; a range it does
 * not cover is read from the database. At most {@value #TIMELINES} timelines are kept.
 *
 * <p>A change of a message (recall, edit, delete) is a new entry carrying the changed message; when this node commits
 * it, the copies of that message at its earlier seqs are replaced here too. Another node's tail keeps its old copy
 * until it drops out of the run: a reader then gets the old copy first and the change later, in seq order, and ends
 * with the message as it is now, as a reader of the database would. Thread-safe; called from the writer's dispatch
 * thread and the blocking executor.
 */
public final class SharedTail implements SharedTimelines {

    static final int PER_TIMELINE = 128;
    static final int TIMELINES = 4096;

    private final SharedTimelines owner;
    private final Map<String, Tail> tails = new ConcurrentHashMap<>();

    public SharedTail(SharedTimelines owner) {
        this.owner = owner;
    }

    @Override
    public void committed(List<SharedEntry> entries, Map<String, Long> retriedHeads) {
        for (SharedEntry e : entries) {
            Tail t = tail(e.timelineId());
            if (e.message().state() != MessageStates.SENT) {
                t.replace(e.message());
            }
            t.append(new MessageStore.Entry(e.seq(), e.message()));
        }
        owner.committed(entries, retriedHeads);
    }

    @Override
    public CompletableFuture<Readable> readable(String userId, int pullType, String target) {
        return owner.readable(userId, pullType, target);
    }

    /**
     * The entries after {@code from} up to {@code limit}, when this node knows every one of them up to
     * {@code head}; null when the database must be asked.
     */
    List<MessageStore.Entry> entries(String timelineId, long from, long head, int limit) {
        Tail t = tails.get(timelineId);
        return t == null ? null : t.covering(from, head, limit);
    }

    /** Entries read from the database: those after {@code from}, gap-free from {@code from + 1}. */
    void read(String timelineId, long from, List<MessageStore.Entry> entries) {
        if (!entries.isEmpty() && entries.get(0).seq() == from + 1) {
            Tail t = tail(timelineId);
            entries.forEach(t::append);
        }
    }

    private Tail tail(String timelineId) {
        Tail t = tails.get(timelineId);
        if (t == null) {
            if (tails.size() >= TIMELINES) {
                tails.clear();
            }
            t = tails.computeIfAbsent(timelineId, id -> new Tail());
        }
        return t;
    }

    /** One gap-free run of a timeline's newest entries. */
    private static final class Tail {

        private final ArrayDeque<MessageStore.Entry> run = new ArrayDeque<>();

        synchronized void append(MessageStore.Entry e) {
            if (!run.isEmpty()) {
                long hi = run.peekLast().seq();
                if (e.seq() <= hi) {
                    return;
                }
                if (e.seq() != hi + 1) {
                    run.clear();
                }
            }
            run.addLast(e);
            if (run.size() > PER_TIMELINE) {
                run.pollFirst();
            }
        }

        /** Replaces the copies of a changed message (same uid) at their seqs. */
        synchronized void replace(StoredMessage changed) {
            if (run.stream().noneMatch(e -> e.message() != null && e.message().messageUid() == changed.messageUid())) {
                return;
            }
            List<MessageStore.Entry> all = new ArrayList<>(run);
            run.clear();
            for (MessageStore.Entry e : all) {
                run.addLast(e.message() != null && e.message().messageUid() == changed.messageUid()
                        ? new MessageStore.Entry(e.seq(), changed) : e);
            }
        }

        synchronized List<MessageStore.Entry> covering(long from, long head, int limit) {
            if (run.isEmpty() || run.peekFirst().seq() > from + 1 || run.peekLast().seq() < head) {
                return null;
            }
            List<MessageStore.Entry> out = new ArrayList<>(Math.min(limit, run.size()));
            for (MessageStore.Entry e : run) {
                if (e.seq() > from) {
                    if (out.size() == limit) {
                        break;
                    }
                    out.add(e);
                }
            }
            return out;
        }
    }
}
