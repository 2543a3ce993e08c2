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

    /** Timeline entries of {@code userId} after {@code sinceSeq}; 0 applies the first-login roaming rules. */
    public CompletableFuture<PullMessageResult> pull(String userId, long sinceSeq, int limit) {
        int max = limit <= 0 ? DEFAULT_PULL : Math.min(limit, MAX_PULL);
        long minTime = sinceSeq <= 0 && config.roaming() == 0
                ? clock.millis() - config.compensateTimeLimitMillis() : 0;
        return blocking.supply(() -> {
            long head = store.head(userId);
            List<MessageStore.Entry> entries = store.pull(userId, Math.max(sinceSeq, 0), minTime, max);
            PullMessageResult.Builder out = PullMessageResult.newBuilder().setHead(head);
            long current = sinceSeq <= 0 ? 0 : sinceSeq;
            int bytes = 0;
            for (MessageStore.Entry e : entries) {
                Message m = e.message().view(policies.viewFor(e.message(), userId), e.seq());
                bytes += m.getSerializedSize();
                if (bytes > MAX_PULL_BYTES && out.getMessagesCount() > 0) {
                    break;
                }
                out.addMessages(m);
                current = e.seq();
            }
            if (out.getMessagesCount() == 0 && sinceSeq <= 0) {
                current = head;
            }
            return out.setCurrent(current).setHead(Math.max(head, current)).build();
        });
    }

    /**
     * Entries of the shared timeline {@code target} (pull type {@code pullType}, 2 for a super group) after
     * {@code sinceSeq} that {@code userId} may read: those after the seq {@link SharedTimelines#readable} gives
     * (when the user joined), without the ones whose {@code to_users} leave the user out. {@code current} moves over
     * those too, so the pull loop ends. {@code sinceSeq} 0 is a first login on the device: the roaming rules of the
     * own timeline apply ({@code message.roaming}, {@code message.compensate_time_limit}).
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
            if (known != null) {
                return CompletableFuture.completedFuture(sharedPage(userId, known, from, head));
            }
            return blocking.supply(() -> {
                List<MessageStore.Entry> read = store.pullShared(target, from, minTime, max);
                if (minTime == 0) {
                    shared.read(target, from, read);
                }
                return sharedPage(userId, read, from, head);
            });
        });
    }

    private PullMessageResult sharedPage(String userId, List<MessageStore.Entry> entries, long from, long head) {
        PullMessageResult.Builder out = PullMessageResult.newBuilder();
        long current = from;
        int bytes = 0;
        for (MessageStore.Entry e : entries) {
            StoredMessage sm = e.message();
            if (!sm.toUsers().isEmpty() && !sm.toUsers().contains(userId) && !sm.sender().equals(userId)) {
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

    /** One stored message by uid (server API {@code get_one}). */
    public CompletableFuture<Optional<StoredMessage>> find(long messageUid) {
        return blocking.supply(() -> store.find(messageUid));
    }
}
