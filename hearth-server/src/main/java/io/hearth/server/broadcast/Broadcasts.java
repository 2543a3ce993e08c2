package io.hearth.server.broadcast;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.MessageChanges;
import io.hearth.server.message.MessageIdGenerator;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Messages to many users at once (server API). A <b>multicast</b> goes to the named users in one writer item, as a
 * single chat from its sender; a <b>broadcast</b> goes to every user: its sender's timeline gets it at once, and a
 * fan-out job ({@link FanoutWorker}) gives it to the others in the background, surviving restarts. Their recalls and
 * deletions change the stored message once and reach the same users the same way. Both are stored with the
 * conversation {@code {type 0, target sender, line}}: each receiver sees a single chat with the sender.
 */
public final class Broadcasts {

    /** More targets than this are a broadcast's job, not a multicast's. */
    public static final int MAX_MULTICAST_TARGETS = 10_000;

    /** What a broadcast answers: its uid and server time, and the users it is going to (when it started). */
    public record Started(long messageUid, long timestamp, long count) {
    }

    private final TimelineWriter writer;
    private final MessageChanges changes;
    private final FanoutStore store;
    private final FanoutWorker worker;
    private final Function<String, CompletableFuture<Boolean>> userExists;
    private final MessageIdGenerator ids;
    private final BlockingExecutor blocking;
    private final int node;
    private final Clock clock;

    public Broadcasts(TimelineWriter writer, MessageChanges changes, FanoutStore store, FanoutWorker worker,
                      Function<String, CompletableFuture<Boolean>> userExists, MessageIdGenerator ids,
                      BlockingExecutor blocking, int node, Clock clock) {
        this.writer = writer;
        this.changes = changes;
        this.store = store;
        this.worker = worker;
        this.userExists = userExists;
        this.ids = ids;
        this.blocking = blocking;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Sends {@code content} from {@code sender} to each of {@code targets} (duplicates and the sender left out);
     * 253 when the sender or a target does not exist (nothing is stored), 251 for no targets or more than
     * {@link #MAX_MULTICAST_TARGETS}.
     */
    public CompletableFuture<StoredMessage> multicast(String sender, List<String> targets, int line,
                                                      MessageContent content) {
        List<String> to = new ArrayList<>(new LinkedHashSet<>(targets));
        to.remove(sender);
        if (to.isEmpty() || to.size() > MAX_MULTICAST_TARGETS) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "a multicast goes to 1.." + MAX_MULTICAST_TARGETS + " other users; use broadcast for more"));
        }
        return existing(sender).thenCompose(v -> writer.submit(draft(sender, line, content), to));
    }

    /**
     * Sends {@code content} from {@code sender} to every user. Answers once the message is stored in the sender's
     * timeline and its fan-out job is recorded (from then on every user gets it, whatever happens to this node).
     */
    public CompletableFuture<Started> broadcast(String sender, int line, MessageContent content) {
        return existing(sender).thenCompose(v -> writer.submit(draft(sender, line, content), List.of()))
                .thenCompose(m -> startJob(m, FanoutJob.BROADCAST)
                        .thenApply(count -> new Started(m.messageUid(), m.serverTime(), count)));
    }

    /** Recalls a multicast for the receivers named (its sender's devices too). */
    public CompletableFuture<StoredMessage> recallMulticast(String operator, long uid, List<String> receivers) {
        return changes.recallTo(operator, uid, receivers);
    }

    /** Deletes a multicast everywhere, telling the receivers named (none: only the stored message changes). */
    public CompletableFuture<StoredMessage> deleteMulticast(long uid, List<String> receivers) {
        return changes.deleteEverywhere(uid, receivers);
    }

    /** Recalls a broadcast: the stored message at once, every user's timeline in the background. 253 if none. */
    public CompletableFuture<StoredMessage> recallBroadcast(String operator, long uid) {
        return broadcastOf(uid).thenCompose(v -> changes.recallTo(operator, uid, List.of()))
                .thenCompose(original -> startJob(original, FanoutJob.RECALL).thenApply(n -> original));
    }

    /** Deletes a broadcast everywhere: the stored message at once, every user's timeline in the background. */
    public CompletableFuture<StoredMessage> deleteBroadcast(long uid) {
        return broadcastOf(uid).thenCompose(v -> changes.deleteEverywhere(uid, List.of()))
                .thenCompose(m -> startJob(m, FanoutJob.DELETE).thenApply(n -> m));
    }

    private StoredMessage draft(String sender, int line, MessageContent content) {
        Conversation conv = Conversation.newBuilder().setType(ConversationTypes.SINGLE).setTarget(sender)
                .setLine(line).build();
        return new StoredMessage(ids.next(), sender, conv, null, null, content, List.of(), clock.millis(), 0);
    }

    private CompletableFuture<Long> startJob(StoredMessage m, int kind) {
        return blocking.supply(() -> {
            long total = Math.max(0, store.countUsers() - 1);
            long now = clock.millis();
            store.create(new FanoutJob(ids.next(), m.messageUid(), kind, m.sender(), "", total, 0, false, node,
                    now, now));
            return total;
        }).whenComplete((n, e) -> worker.wake());
    }

    private CompletableFuture<Void> broadcastOf(long uid) {
        return blocking.supply(() -> {
            if (!store.broadcastExists(uid)) {
                throw new StatusException(Status.NOT_EXIST, "message " + uid + " is not a broadcast");
            }
            return null;
        });
    }

    private CompletableFuture<Void> existing(String sender) {
        return userExists.apply(sender).thenAccept(exists -> {
            if (!exists) {
                throw new StatusException(Status.NOT_EXIST, "user " + sender + " not exist");
            }
        });
    }
}
