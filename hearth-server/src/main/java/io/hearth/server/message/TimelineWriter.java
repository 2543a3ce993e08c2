package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of timelines: takes messages from a bounded queue, assigns each affected user's next seq,
 * writes a whole batch in one transaction (group commit), then completes the senders' futures and hands the new
 * entries to {@link Delivery}. Because only this thread assigns seqs, and a failed batch gives its seqs back,
 * every timeline stays strictly increasing and gap-free. Futures complete on this thread, after the commit.
 */
public final class TimelineWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TimelineWriter.class);
    private static final int DEDUP_CACHE = 100_000;
    private static final int HEAD_CACHE = 1_000_000;

    /** A message waiting to be written: the draft (sender seq not yet known) and the users it goes to. */
    record Pending(StoredMessage draft, List<String> receivers, CompletableFuture<StoredMessage> result) {
    }

    private final MessageStore store;
    private final Delivery delivery;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final Map<String, Long> heads = lru(HEAD_CACHE);
    private final Map<String, StoredMessage> recentClientIds = lru(DEDUP_CACHE);
    private final ConcurrentHashMap<String, Long> committedHeads = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TimelineWriter(MessageStore store, Delivery delivery, int batchSize, int queueSize) {
        this.store = store;
        this.delivery = delivery;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.thread = new Thread(this::loop, "hearth-writer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Queues a message. The future completes with the stored message (its {@code senderSeq} set) once committed,
     * with the earlier message when the client message id was seen before, or fails with 250 when the queue is full
     * and with 4 when the database refused the batch.
     */
    public CompletableFuture<StoredMessage> submit(StoredMessage draft, List<String> receivers) {
        CompletableFuture<StoredMessage> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new StatusException(Status.SERVER_ERROR, "server is stopping"));
        } else if (!queue.offer(new Pending(draft, receivers, result))) {
            result.completeExceptionally(new StatusException(Status.OVER_FREQUENCY, "server busy"));
        }
        return result;
    }

    /** The newest committed seq of a user, if this writer has seen the user since start. Any thread. */
    public Long committedHead(String userId) {
        return committedHeads.get(userId);
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
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("message writer failed a batch of {}", batch.size(), e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        Map<String, Long> before = new HashMap<>();
        Map<String, StoredMessage> inBatch = new HashMap<>();
        List<Pending> fresh = new ArrayList<>(batch.size());
        List<StoredMessage> messages = new ArrayList<>(batch.size());
        List<TimelineEntry> entries = new ArrayList<>(batch.size() * 2);
        List<Pending> duplicates = new ArrayList<>();
        List<StoredMessage> duplicateOf = new ArrayList<>();
        try {
            for (Pending p : batch) {
                StoredMessage d = p.draft();
                String key = d.clientMessageId() == null ? null : d.sender() + '\u0000' + d.clientMessageId();
                StoredMessage earlier = key == null ? null : earlier(key, inBatch, d);
                if (earlier != null) {
                    duplicates.add(p);
                    duplicateOf.add(earlier);
                    continue;
                }
                long senderSeq = next(d.sender(), before);
                StoredMessage m = new StoredMessage(d.messageUid(), d.sender(), d.conversation(), d.fromClient(),
                        d.clientMessageId(), d.content(), d.toUsers(), d.serverTime(), senderSeq);
                entries.add(new TimelineEntry(d.sender(), senderSeq, m.messageUid(), m.serverTime()));
                for (String r : p.receivers()) {
                    if (!r.equals(d.sender())) {
                        entries.add(new TimelineEntry(r, next(r, before), m.messageUid(), m.serverTime()));
                    }
                }
                if (key != null) {
                    inBatch.put(key, m);
                }
                fresh.add(p);
                messages.add(m);
            }
            store.write(messages, entries);
        } catch (RuntimeException e) {
            heads.putAll(before);
            log.warn("message batch of {} not stored: {}", batch.size(), e.getMessage());
            completeDuplicates(duplicates, duplicateOf);
            fail(batch, e);
            return;
        }
        for (TimelineEntry e : entries) {
            committedHeads.put(e.userId(), e.seq());
        }
        recentClientIds.putAll(inBatch);
        for (int i = 0; i < fresh.size(); i++) {
            fresh.get(i).result().complete(messages.get(i));
        }
        completeDuplicates(duplicates, duplicateOf);
        deliver(messages, entries);
    }

    private StoredMessage earlier(String key, Map<String, StoredMessage> inBatch, StoredMessage d) {
        StoredMessage m = inBatch.get(key);
        if (m == null) {
            m = recentClientIds.get(key);
        }
        if (m == null) {
            m = store.findByClientMessageId(d.sender(), d.clientMessageId()).orElse(null);
        }
        return m;
    }

    private long next(String userId, Map<String, Long> before) {
        Long head = heads.get(userId);
        if (head == null) {
            head = store.head(userId);
        }
        before.putIfAbsent(userId, head);
        heads.put(userId, head + 1);
        return head + 1;
    }

    private void deliver(List<StoredMessage> messages, List<TimelineEntry> entries) {
        Map<Long, StoredMessage> byUid = new HashMap<>(messages.size() * 2);
        for (StoredMessage m : messages) {
            byUid.put(m.messageUid(), m);
        }
        Map<String, List<Delivery.Outgoing>> perUser = new LinkedHashMap<>();
        for (TimelineEntry e : entries) {
            StoredMessage m = byUid.get(e.messageUid());
            String skip = e.userId().equals(m.sender()) ? m.fromClient() : null;
            perUser.computeIfAbsent(e.userId(), u -> new ArrayList<>())
                    .add(new Delivery.Outgoing(m.viewFor(e.userId(), e.seq()), skip));
        }
        for (Map.Entry<String, List<Delivery.Outgoing>> e : perUser.entrySet()) {
            try {
                delivery.deliver(e.getKey(), e.getValue(), heads.get(e.getKey()));
            } catch (RuntimeException ex) {
                log.warn("push to {} failed; the client will pull", e.getKey(), ex);
            }
        }
    }

    private static void completeDuplicates(List<Pending> duplicates, List<StoredMessage> of) {
        for (int i = 0; i < duplicates.size(); i++) {
            duplicates.get(i).result().complete(of.get(i));
        }
    }

    /** Fails every pending of the batch that is not complete yet (duplicates already are). */
    private static void fail(List<Pending> pendings, Throwable cause) {
        StatusException error = new StatusException(Status.SERVER_ERROR, "message not stored: storage unavailable",
                cause);
        for (Pending p : pendings) {
            p.result().completeExceptionally(error);
        }
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Stops taking new messages, writes what is queued, and waits for the thread to finish. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
