package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.common.ThrottledLog;
import io.hearth.server.storage.SqlStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of this node's messages: takes messages from a bounded queue and writes the whole batch in one
 * transaction (group commit: the batch is whatever queued up during the previous commit). In that transaction
 * it locks the heads of the batch's users, assigns each entry the next seq, appends and moves the heads; the
 * database makes every timeline strictly increasing and gap-free even when several nodes append to it at once,
 * and a failed batch leaves nothing behind. After the commit one dispatch thread completes the senders' futures
 * and pushes the new entries ({@link PostCommit}).
 */
public final class TimelineWriter implements AutoCloseable {

    private static final Logger plainLog = LoggerFactory.getLogger(TimelineWriter.class);
    private static final ThrottledLog log = new ThrottledLog(plainLog, 10, TimeUnit.SECONDS);
    private static final int DEDUP_CACHE = 100_000;
    private static final int MAX_ATTEMPTS = 3;

    private final MessageStore store;
    private final WriterMetrics metrics;
    private final Recipients recipients;
    private final CommitOutput output;
    private final CommitEvents commitEvents;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final Map<ClientMessageKey, StoredMessage> recentClientIds = lru(DEDUP_CACHE);
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(r -> daemon(r, "hearth-dispatch"));
    private final Thread thread;
    private volatile boolean running = true;

    public TimelineWriter(MessageStore store, Recipients recipients, CommitOutput output, int batchSize,
                          int queueSize, WriterMetrics metrics) {
        this(store, recipients, output, CommitEvents.NONE, batchSize, queueSize, metrics);
    }

    /** With {@code commitEvents}: the outbox rows of each batch's new messages, written in its transaction. */
    public TimelineWriter(MessageStore store, Recipients recipients, CommitOutput output, CommitEvents commitEvents,
                          int batchSize, int queueSize, WriterMetrics metrics) {
        this.commitEvents = commitEvents;
        this.store = store;
        this.metrics = metrics;
        this.recipients = recipients;
        this.output = output;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.thread = daemon(this::loop, "hearth-writer");
    }

    public void start() {
        thread.start();
    }

    /**
     * Queues a message. The future completes (on the dispatch thread) with the stored message, its
     * {@code senderSeq} set, once committed; with the earlier message when the client message id was seen before;
     * or fails with 253 when a receiver does not exist, 250 when the queue is full and 4 when the database refused
     * the batch. Messages are stored in the order they were submitted.
     */
    public CompletableFuture<StoredMessage> submit(StoredMessage draft, List<String> receivers) {
        return submit(draft, receivers, null);
    }

    /**
     * Queues a message for the shared timeline {@code shared} (read diffusion), and for the timelines of
     * {@code receivers}; the sender's own timeline gets no entry and the stored message's {@code senderSeq} is 0.
     * A null {@code shared} is {@link #submit(StoredMessage, List)}.
     */
    public CompletableFuture<StoredMessage> submit(StoredMessage draft, List<String> receivers, String shared) {
        return queue(new Pending(draft, receivers, shared, new CompletableFuture<>()));
    }

    /**
     * Queues a change of a stored message: {@code changed} is the message as it is to be (same uid, new content,
     * state and update time). In one transaction its row is replaced, if it is then in one of the states of
     * {@code fromStates} (a {@link MessageStates#mask}), and, when {@code distribute}, its sender's timeline and
     * those of {@code receivers} (or the shared timeline {@code shared} and {@code receivers}) get a new entry
     * carrying it, pushed like a new message's. The future completes with the changed message, or fails with 253
     * when the message was not in such a state (deleted or changed meanwhile), 250 or 4 as {@link #submit} does.
     */
    public CompletableFuture<StoredMessage> change(StoredMessage changed, List<String> receivers, String shared,
                                                   int fromStates, boolean distribute) {
        return queue(new Pending(changed, distribute ? receivers : List.of(), shared, new CompletableFuture<>(),
                new Pending.Replace(fromStates, distribute)));
    }

    /**
     * Queues the deletion of one user's copies of messages: {@code tombstone} is a new message of that user (its
     * sender), type {@link MessageStates#DELETE_CONTENT_TYPE}, saying what was deleted. In one transaction the
     * user's entries of {@code copies} are made to carry the tombstone and the tombstone gets a new entry of the
     * user's timeline. When there was no such entry: 253 for {@link Copies.Of} (the user has no such message), and
     * for a conversation's copies the tombstone unwritten (seq 0; nothing to tell the devices).
     */
    public CompletableFuture<StoredMessage> dropCopies(StoredMessage tombstone, Copies copies) {
        return queue(new Pending(tombstone, List.of(), null, new CompletableFuture<>(),
                new Pending.DropCopy(copies)));
    }

    /**
     * Queues one batch of a fan-out: {@code message} (stored) gets an entry in each of {@code receivers}' timelines,
     * pushed like a new message's, if {@code step}'s job is still at its cursor, which moves on in the same
     * transaction. Fails with 253 when the job had moved on (another node wrote this batch); 250 or 4 as
     * {@link #submit} does.
     */
    public CompletableFuture<StoredMessage> extend(StoredMessage message, List<String> receivers, FanoutStep step) {
        return queue(new Pending(message, receivers, null, new CompletableFuture<>(), new Pending.Extend(step)));
    }

    private CompletableFuture<StoredMessage> queue(Pending p) {
        if (!running) {
            p.result().completeExceptionally(new StatusException(Status.SERVER_ERROR, "server is stopping"));
        } else if (!queue.offer(p)) {
            p.result().completeExceptionally(new StatusException(Status.OVER_FREQUENCY, "server busy"));
        }
        return p.result();
    }

    /** Messages waiting for the writer (a gauge). */
    public int queued() {
        return queue.size();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Writes a batch. When the database refuses it for the data of a message (a value too long for its column, a
     * violated constraint), the batch is split in halves and each is written alone, down to the one message at
     * fault, which fails with 251: one bad message never fails the others. Any other failure (the database is
     * unreachable) fails the whole batch with 4.
     */
    private void store(List<Pending> batch) {
        try {
            writeBatch(batch);
        } catch (RuntimeException e) {
            if (SqlStates.of(e) != SqlStates.Kind.REJECTED_DATA) {
                metrics.failed();
                log.warn("batch", "message batch of {} not stored: {}", batch.size(), SqlStates.describe(e));
                fail(batch, new StatusException(Status.SERVER_ERROR, "message not stored: storage unavailable", e));
            } else if (batch.size() == 1) {
                metrics.rejected();
                StoredMessage d = batch.get(0).draft();
                log.warn("refused", "message {} of {} refused by the database: {}", d.messageUid(), d.sender(),
                        SqlStates.describe(e));
                fail(batch, new StatusException(Status.INVALID_PARAMETER,
                        "message not stored: the database refused its data", e));
            } else {
                int half = batch.size() / 2;
                store(batch.subList(0, half));
                store(batch.subList(half, batch.size()));
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(batch);
                return;
            } catch (RuntimeException e) {
                // another node stored one of these client message ids (or created a head) in between, or held a
                // head longer than db.lock_timeout_ms: the next attempt finds its row (a duplicate) or the lock free
                if (!SqlStates.retryable(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                plainLog.info("message batch raced another node (attempt {}, {}); retrying", attempt, SqlStates.of(e));
            }
        }
    }

    private void writeOnce(List<Pending> batch) {
        List<CompletableFuture<StoredMessage>> futures = new ArrayList<>(batch.size());
        List<Object> results = new ArrayList<>(batch.size());
        List<StoredMessage> written = new ArrayList<>(batch.size());
        List<TimelineEntry> entries = new ArrayList<>(batch.size() * 2);
        List<SharedEntry> sharedEntries = new ArrayList<>();
        Map<ClientMessageKey, StoredMessage> known = earlierSends(batch);
        Set<String> missing = missingReceivers(batch, known);
        long started = System.nanoTime();
        Set<String> retried = new HashSet<>();
        Set<String> retriedShared = new HashSet<>();
        Map<String, Long> finalHeads = new HashMap<>();
        Map<String, Long> finalShared = new HashMap<>();
        List<StoredMessage> changed = new ArrayList<>();
        List<StoredMessage> extended = new ArrayList<>();
        store.write(tx -> {
            retried.clear();
            retriedShared.clear();
            Map<String, Long> heads = tx.lockHeads(users(batch, missing));
            Map<String, Long> shared = tx.lockSharedHeads(sharedTimelines(batch, missing));
            changed.clear();
            extended.clear();
            for (Pending p : batch) {
                StoredMessage d = p.draft();
                if (p.change() instanceof Pending.DropCopy drop) {
                    futures.add(p.result());
                    if (missing.contains(d.sender())) {
                        results.add(new StatusException(Status.NOT_EXIST, "user " + d.sender() + " not exist"));
                        continue;
                    }
                    if (tx.retarget(d.sender(), drop.copies(), d.messageUid()) == 0) {
                        results.add(drop.copies() instanceof Copies.Of one
                                ? new StatusException(Status.NOT_EXIST, "message " + one.messageUid()
                                        + " is not in the timeline of " + d.sender())
                                : d);
                        continue;
                    }
                    StoredMessage m = withSeqs(d, List.of(), heads, entries);
                    written.add(m);
                    results.add(m);
                    continue;
                }
                if (p.change() instanceof Pending.Extend extend) {
                    futures.add(p.result());
                    if (!tx.advanceFanout(extend.step())) {
                        results.add(new StatusException(Status.NOT_EXIST, "fan-out " + extend.step().jobId()
                                + " moved on from " + extend.step().fromCursor() + " meanwhile"));
                        continue;
                    }
                    for (String r : p.receivers()) {
                        entries.add(new TimelineEntry(r, heads.merge(r, 1L, Long::sum), d.messageUid(),
                                d.serverTime()));
                    }
                    extended.add(d);
                    results.add(d);
                    continue;
                }
                if (p.change() instanceof Pending.Replace replace) {
                    futures.add(p.result());
                    if (!tx.replace(d, replace.fromStates())) {
                        results.add(new StatusException(Status.NOT_EXIST, "message " + d.messageUid()
                                + " not exist or changed meanwhile"));
                        continue;
                    }
                    if (p.distributes()) {
                        if (p.shared() == null) {
                            withSeqs(d, p.receivers(), heads, entries);
                        } else {
                            withSharedSeq(d, p.receivers(), p.shared(), heads, shared, entries, sharedEntries);
                        }
                    }
                    changed.add(d);
                    results.add(d);
                    continue;
                }
                ClientMessageKey key = ClientMessageKey.of(d);
                StoredMessage earlier = key == null ? null : known.get(key);
                if (earlier == null && hasAny(p.receivers(), missing)) {
                    futures.add(p.result());
                    results.add(new StatusException(Status.NOT_EXIST, "user " + String.join(",", p.receivers())
                            + " not exist"));
                    continue;
                }
                if (earlier == null) {
                    earlier = p.shared() == null ? withSeqs(d, p.receivers(), heads, entries)
                            : withSharedSeq(d, p.receivers(), p.shared(), heads, shared, entries, sharedEntries);
                    written.add(earlier);
                    if (key != null) {
                        known.put(key, earlier);
                    }
                } else {
                    if (p.shared() == null) {
                        retried.add(d.sender());
                    } else {
                        retriedShared.add(p.shared());
                    }
                    retried.addAll(p.receivers());
                }
                futures.add(p.result());
                results.add(earlier);
            }
            tx.append(written, entries, sharedEntries);
            if (!written.isEmpty() && commitEvents != CommitEvents.NONE) {
                List<io.hearth.server.event.OutboxRow> rows = commitEvents.rows(written);
                if (!rows.isEmpty()) {
                    tx.outbox(rows);
                }
            }
            finalHeads.clear();
            finalHeads.putAll(heads);
            finalShared.clear();
            finalShared.putAll(shared);
        });
        metrics.committed(written.size(), System.nanoTime() - started);
        for (StoredMessage m : written) {
            ClientMessageKey key = ClientMessageKey.of(m);
            if (key != null) {
                recentClientIds.put(key, m);
            }
        }
        // a retried send may come from a sender whose first try was stored but never pushed (its node died after
        // the commit): its users get a push of their head only, and those who missed the message pull it
        List<Delivery.UserPush> hints = new ArrayList<>(retried.size());
        for (String u : retried) {
            hints.add(new Delivery.UserPush(u, List.of(), finalHeads.getOrDefault(u, 0L)));
        }
        Map<String, Long> sharedHints = new HashMap<>();
        for (String t : retriedShared) {
            sharedHints.put(t, finalShared.getOrDefault(t, 0L));
        }
        // a fan-out's batch is pushed and announced as the message stored for its receivers
        List<StoredMessage> stored = written;
        if (!extended.isEmpty()) {
            stored = new ArrayList<>(written);
            stored.addAll(extended);
        }
        dispatch.execute(new PostCommit(output, futures, results, stored, changed, entries, hints, sharedEntries,
                sharedHints));
    }

    /**
     * The users whose timelines the batch touches: those of its new messages, and those of its retried ones (their
     * heads are read for the hint pushes).
     */
    private static Set<String> users(List<Pending> batch, Set<String> missing) {
        Set<String> users = new HashSet<>();
        for (Pending p : batch) {
            if (p.distributes() && writes(p, missing)) {
                if (p.shared() == null && !(p.change() instanceof Pending.Extend)) {
                    users.add(p.draft().sender());
                }
                users.addAll(p.receivers());
            }
        }
        return users;
    }

    /**
     * Whether an item may write, as far as its users are known: a change always (its users were there when the
     * message was sent), a fan-out batch always (its users were just read), a new message when all its receivers
     * exist, a drop of copies when its user does.
     */
    private static boolean writes(Pending p, Set<String> missing) {
        if (p.change() == null) {
            return !hasAny(p.receivers(), missing);
        }
        return !(p.change() instanceof Pending.DropCopy) || !missing.contains(p.draft().sender());
    }

    /** The shared timelines the batch touches. */
    private static Set<String> sharedTimelines(List<Pending> batch, Set<String> missing) {
        Set<String> ids = new HashSet<>();
        for (Pending p : batch) {
            if (p.shared() != null && p.distributes() && writes(p, missing)) {
                ids.add(p.shared());
            }
        }
        return ids;
    }

    /** Assigns the seqs of a new message of a shared timeline: its shared entry, then each receiver's. */
    private static StoredMessage withSharedSeq(StoredMessage d, List<String> receivers, String timeline,
                                               Map<String, Long> heads, Map<String, Long> shared,
                                               List<TimelineEntry> entries, List<SharedEntry> sharedEntries) {
        StoredMessage m = d.state() == MessageStates.SENT ? d.withSenderSeq(0) : d;
        sharedEntries.add(new SharedEntry(timeline, shared.merge(timeline, 1L, Long::sum), m));
        for (String r : receivers) {
            entries.add(new TimelineEntry(r, heads.merge(r, 1L, Long::sum), m.messageUid(), m.serverTime()));
        }
        return m;
    }

    /**
     * Assigns the seqs of a new message (or of a change's entries): the sender's entry, then each receiver's. A new
     * message comes back with its sender seq; a change keeps the one it was sent with.
     */
    private static StoredMessage withSeqs(StoredMessage d, List<String> receivers, Map<String, Long> heads,
                                          List<TimelineEntry> entries) {
        long senderSeq = heads.merge(d.sender(), 1L, Long::sum);
        StoredMessage m = d.state() == MessageStates.SENT ? d.withSenderSeq(senderSeq) : d;
        entries.add(new TimelineEntry(d.sender(), senderSeq, m.messageUid(), m.serverTime()));
        for (String r : receivers) {
            if (!r.equals(d.sender())) {
                entries.add(new TimelineEntry(r, heads.merge(r, 1L, Long::sum), m.messageUid(), m.serverTime()));
            }
        }
        return m;
    }

    /** Earlier sends with the client message ids of this batch: from the recent cache, the rest in one query. */
    private Map<ClientMessageKey, StoredMessage> earlierSends(List<Pending> batch) {
        Map<ClientMessageKey, StoredMessage> known = new HashMap<>();
        Set<ClientMessageKey> unknown = new HashSet<>();
        for (Pending p : batch) {
            ClientMessageKey key = p.key();
            if (key != null) {
                StoredMessage m = recentClientIds.get(key);
                if (m != null) {
                    known.put(key, m);
                } else {
                    unknown.add(key);
                }
            }
        }
        if (!unknown.isEmpty()) {
            known.putAll(store.findByClientMessageIds(unknown));
        }
        return known;
    }

    /** The receivers of the batch's new messages that do not exist, checked in one lookup. */
    private Set<String> missingReceivers(List<Pending> batch, Map<ClientMessageKey, StoredMessage> known) {
        Set<String> receivers = new HashSet<>();
        for (Pending p : batch) {
            ClientMessageKey key = p.key();
            if (p.change() == null && (key == null || !known.containsKey(key))) {
                receivers.addAll(p.receivers());
            } else if (p.change() instanceof Pending.DropCopy) {
                // the user whose copies go: a server API call may name anyone
                receivers.add(p.draft().sender());
            }
        }
        return receivers.isEmpty() ? Set.of() : recipients.missing(receivers);
    }

    private static boolean hasAny(List<String> users, Set<String> missing) {
        if (missing.isEmpty()) {
            return false;
        }
        for (String u : users) {
            if (missing.contains(u)) {
                return true;
            }
        }
        return false;
    }

    /** Fails every pending of the batch, in order, on the dispatch thread. */
    private void fail(List<Pending> pendings, StatusException error) {
        List<CompletableFuture<StoredMessage>> futures = pendings.stream().map(Pending::result).toList();
        dispatch.execute(() -> futures.forEach(f -> f.completeExceptionally(error)));
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops taking new messages, writes what is queued, dispatches it, and waits for both threads. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
            dispatch.shutdown();
            dispatch.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
