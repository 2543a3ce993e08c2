package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sending and timeline sync. A send is validated here (on the caller's thread, usually an event loop), passes the
 * checks every send passes, then its conversation type's {@link ConversationPolicy}, and is persisted by the
 * {@link TimelineWriter} (or handed to online sessions when the policy says so); pulls run on the blocking
 * executor.
 */
public final class MessageService {

    static final int DEFAULT_PULL = 100;
    static final int MAX_PULL = 500;
    static final int MAX_PULL_BYTES = 512 * 1024;

    private final TimelineWriter writer;
    private final MessageStore store;
    private final Delivery delivery;
    private final ConversationPolicies policies;
    private final SharedTail shared;
    private final List<SendCheck> checks;
    private final MessageIdGenerator ids;
    private final BlockingExecutor blocking;
    private final HearthConfig.Messages config;
    private final Clock clock;
    private final SendOrder order = new SendOrder();

    /**
     * {@code checks} run on every send, before its conversation type's policy; {@code shared} says who reads the
     * shared timelines and keeps their newest entries (the writer's commit output must feed it).
     */
    public MessageService(TimelineWriter writer, MessageStore store, Delivery delivery, ConversationPolicies policies,
                          SharedTail shared, List<SendCheck> checks, MessageIdGenerator ids, BlockingExecutor blocking,
                          HearthConfig.Messages config, Clock clock) {
        this.writer = writer;
        this.store = store;
        this.delivery = delivery;
        this.policies = policies;
        this.shared = shared;
        this.checks = List.copyOf(checks);
        this.ids = ids;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Sends a message from {@code sender} (the session {@code fromClient}, or null for the server API). The future
     * completes after the message is durably stored (or, for transparent messages, handed to online sessions). A
     * sender's messages are stored in the order they were sent, whatever their checks wait for.
     */
    public CompletableFuture<SendMessageResult> send(String sender, String fromClient, SendMessageRequest req) {
        return send(sender, fromClient, req, List.of());
    }

    /**
     * {@link #send(String, String, SendMessageRequest)} that also reaches {@code alsoTo} where the conversation's
     * policy allows it (a group notification reaches the members it removes).
     */
    public CompletableFuture<SendMessageResult> send(String sender, String fromClient, SendMessageRequest req,
                                                     List<String> alsoTo) {
        ConversationPolicy policy;
        try {
            policy = policies.of(req.getConversation().getType());
            validate(req);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        Send send = new Send(sender, fromClient, req, fromClient == null ? Send.Origin.SERVER_API : Send.Origin.CLIENT,
                false, alsoTo);
        CompletableFuture<Send> checked = SendChecks.run(checks, send);
        CompletableFuture<SendPlan> planned = checked.thenCompose(policy::plan);
        CompletableFuture<SendMessageResult> result = new CompletableFuture<>();
        order.after(sender + '/' + fromClient, planned, f -> {
            if (f.isCompletedExceptionally()) {
                f.whenComplete((v, e) -> result.completeExceptionally(e));
            } else {
                submit(f.join()).whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
            }
        });
        return result;
    }

    private CompletableFuture<SendMessageResult> submit(SendPlan p) {
        Send s = p.send();
        SendMessageRequest req = s.request();
        StoredMessage draft = new StoredMessage(ids.next(), s.sender(), req.getConversation(), s.fromClient(),
                req.getClientMessageId().isEmpty() ? null : req.getClientMessageId(), req.getContent(),
                req.getToUsersList(), clock.millis(), 0);
        List<String> receivers = p.receivers();
        if (p.online() != null) {
            if (!s.dropped()) {
                p.online().accept(draft);
            }
            return CompletableFuture.completedFuture(SendMessageResult.newBuilder().setMessageUid(draft.messageUid())
                    .setTimestamp(draft.serverTime()).build());
        }
        if (!p.stored()) {
            return CompletableFuture.completedFuture(deliverOnline(draft, receivers));
        }
        return writer.submit(draft, receivers, p.sharedTimeline()).thenApply(m -> SendMessageResult.newBuilder()
                .setMessageUid(m.messageUid()).setTimestamp(m.serverTime()).setSeq(m.senderSeq()).build());
    }

    private SendMessageResult deliverOnline(StoredMessage m, List<String> receivers) {
        List<Delivery.UserPush> pushes = receivers.stream().map(r -> new Delivery.UserPush(r,
                List.of(new Delivery.Outgoing(m.view(policies.viewFor(m, r), 0), null)), 0)).toList();
        delivery.deliver(pushes);
        return SendMessageResult.newBuilder().setMessageUid(m.messageUid()).setTimestamp(m.serverTime()).build();
    }

    private void validate(SendMessageRequest req) {
        if (!req.hasConversation() || req.getConversation().getTarget().isEmpty() || !req.hasContent()) {
            throw new StatusException(Status.INVALID_PARAMETER, "conversation target and content are required");
        }
        if (req.getContent().getSerializedSize() > config.maxContentSize()) {
            throw new StatusException(Status.INVALID_MESSAGE,
                    "content larger than " + config.maxContentSize() + " bytes");
        }
        SendLimits.check(req, SendLimits.RPC);
    }

    /**
     * Timeline entries of {@code userId} after {@code sinceSeq}; 0 applies the first-login roaming rules. Expired
     * entries ({@link StoredMessage#expired}) and entries whose message retention purged are left out and
     * {@code current} moves over them, so the pull loop stays gap-free. When the entries right after
     * {@code sinceSeq} were purged ({@code message.retention_days}) the result has no messages and
     * {@code oldest_seq} set (the caller answers 26), unless the pull is a first login with {@code message.roaming}
     * 0, which asks only for recent entries.
     */
    public CompletableFuture<PullMessageResult> pull(String userId, long sinceSeq, int limit) {
        int max = limit <= 0 ? DEFAULT_PULL : Math.min(limit, MAX_PULL);
        long minTime = sinceSeq <= 0 && config.roaming() == 0
                ? clock.millis() - config.compensateTimeLimitMillis() : 0;
        return blocking.supply(() -> {
            long head = store.head(userId);
            long since = Math.max(sinceSeq, 0);
            List<MessageStore.Entry> entries = store.pull(userId, since, minTime, max);
            long oldest = minTime == 0 ? oldestKept(entries, since, head) : 0;
            if (oldest > 0) {
                return purged(oldest, head);
            }
            PullMessageResult.Builder out = PullMessageResult.newBuilder();
            long current = page(userId, entries, since, false, out);
            if (entries.isEmpty() && sinceSeq <= 0) {
                current = head;
            }
            return out.setCurrent(current).setHead(Math.max(head, current)).build();
        });
    }

    /**
     * Timelines are gap-free from seq 1 and retention purges only a timeline's oldest entries: when the first entry
     * after {@code since} is not {@code since + 1}, or there is none below the head, the ones before were purged.
     * The oldest seq kept ({@code head + 1} when none is), or 0 when nothing is missing.
     */
    static long oldestKept(List<MessageStore.Entry> entries, long since, long head) {
        if (!entries.isEmpty()) {
            long first = entries.get(0).seq();
            return first > since + 1 ? first : 0;
        }
        return head > since ? head + 1 : 0;
    }

    private static PullMessageResult purged(long oldest, long head) {
        return PullMessageResult.newBuilder().setOldestSeq(oldest).setCurrent(oldest - 1)
                .setHead(Math.max(head, oldest - 1)).build();
    }

    /**
     * Adds the entries {@code userId} gets to {@code out}, within {@link #MAX_PULL_BYTES}, and answers the seq of
     * the last entry taken or passed over (or {@code from} when none was). {@code addressed}: a shared timeline,
     * where a message with {@code to_users} is only for them (and its sender).
     */
    private long page(String userId, List<MessageStore.Entry> entries, long from, boolean addressed,
                      PullMessageResult.Builder out) {
        long now = clock.millis();
        long current = from;
        int bytes = 0;
        for (MessageStore.Entry e : entries) {
            StoredMessage sm = e.message();
            if (sm == null || sm.expired(now) || addressed && !sm.toUsers().isEmpty()
                    && !sm.toUsers().contains(userId) && !sm.sender().equals(userId)) {
                current = e.seq();
                continue;
            }
            Message m = sm.view(policies.viewFor(sm, userId), e.seq());
            bytes += m.getSerializedSize();
            if (bytes > MAX_PULL_BYTES && out.getMessagesCount() > 0) {
                break;
            }
            out.addMessages(m);
            current = e.seq();
        }
        return current;
    }

    /**
     * Entries of the shared timeline {@code target} (pull type {@code pullType}, 2 for a super group) after
     * {@code sinceSeq} that {@code userId} may read: those after the seq {@link SharedTimelines#readable} gives
     * (when the user joined), without the ones whose {@code to_users} leave the user out, the expired ones and those
     * whose message retention purged. {@code current} moves over those too, so the pull loop ends. {@code sinceSeq}
     * 0 is a first login on the device: the roaming rules of the own timeline apply ({@code message.roaming},
     * {@code message.compensate_time_limit}). Purged entries right after the readable start answer as in
     * {@link #pull}.
     */
    public CompletableFuture<PullMessageResult> pullShared(String userId, int pullType, String target,
                                                           long sinceSeq, int limit) {
        if (target.isEmpty()) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "target is required for pull type " + pullType));
        }
        int max = limit <= 0 ? DEFAULT_PULL : Math.min(limit, MAX_PULL);
        long minTime = sinceSeq <= 0 && config.roaming() == 0
                ? clock.millis() - config.compensateTimeLimitMillis() : 0;
        return shared.readable(userId, pullType, target).thenCompose(readable -> {
            long head = readable.head();
            long from = Math.max(Math.max(sinceSeq, 0), readable.after());
            List<MessageStore.Entry> known = minTime == 0 ? shared.entries(target, from, head, max) : null;
            if (known != null && !beforeRetention(known)) {
                return CompletableFuture.completedFuture(sharedPage(userId, known, from, head));
            }
            return blocking.supply(() -> {
                List<MessageStore.Entry> read = store.pullShared(target, from, minTime, max);
                long oldest = minTime == 0 ? oldestKept(read, from, head) : 0;
                if (oldest > 0) {
                    return purged(oldest, head);
                }
                if (minTime == 0) {
                    shared.read(target, from, read);
                }
                return sharedPage(userId, read, from, head);
            });
        });
    }

    /**
     * Whether entries this node keeps start before the retention cutoff: they may be purged in the database by now
     * (by any node), so the database is asked.
     */
    private boolean beforeRetention(List<MessageStore.Entry> known) {
        if (!config.retention().enabled() || known.isEmpty() || known.get(0).message() == null) {
            return false;
        }
        return known.get(0).message().serverTime() < config.retention().cutoff(clock.millis());
    }

    private PullMessageResult sharedPage(String userId, List<MessageStore.Entry> entries, long from, long head) {
        PullMessageResult.Builder out = PullMessageResult.newBuilder();
        long current = page(userId, entries, from, true, out);
        if (entries.isEmpty()) {
            current = Math.max(from, head);
        }
        return out.setCurrent(current).setHead(Math.max(head, current)).build();
    }

    /** The policies of the conversation types, and the views receivers get of stored messages. */
    public ConversationPolicies policies() {
        return policies;
    }

    /** The newest committed seq of a user's timeline (read from the store: other nodes may have written). */
    public CompletableFuture<Long> head(String userId) {
        return blocking.supply(() -> store.head(userId));
    }

    /** One stored message by uid (server API {@code get_one}); empty when there is none or it has expired. */
    public CompletableFuture<Optional<StoredMessage>> find(long messageUid) {
        return blocking.supply(() -> store.find(messageUid).filter(m -> !m.expired(clock.millis())));
    }
}
