package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.user.UserDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Single-chat sending and timeline sync. Sends are validated here (on the caller's thread, usually an event loop),
 * then persisted by the {@link TimelineWriter}; pulls run on the blocking executor.
 */
public final class MessageService {

    static final int DEFAULT_PULL = 100;
    static final int MAX_PULL = 500;
    static final int MAX_PULL_BYTES = 512 * 1024;

    private final TimelineWriter writer;
    private final MessageStore store;
    private final Delivery delivery;
    private final UserDirectory users;
    private final MessageIdGenerator ids;
    private final BlockingExecutor blocking;
    private final HearthConfig.Messages config;
    private final Clock clock;

    public MessageService(TimelineWriter writer, MessageStore store, Delivery delivery, UserDirectory users,
                          MessageIdGenerator ids, BlockingExecutor blocking, HearthConfig.Messages config, Clock clock) {
        this.writer = writer;
        this.store = store;
        this.delivery = delivery;
        this.users = users;
        this.ids = ids;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Sends a message from {@code sender} (the session {@code fromClient}, or null for the server API). The future
     * completes after the message is durably stored (or, for transparent messages, handed to online sessions).
     */
    public CompletableFuture<SendMessageResult> send(String sender, String fromClient, SendMessageRequest req) {
        try {
            validate(req);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        String target = req.getConversation().getTarget();
        StoredMessage draft = new StoredMessage(ids.next(), sender, req.getConversation(), fromClient,
                req.getClientMessageId().isEmpty() ? null : req.getClientMessageId(), req.getContent(),
                req.getToUsersList(), clock.millis(), 0);
        if (req.getContent().getPersistFlag() == ConversationTypes.TRANSPARENT) {
            return users.exists(target).thenApply(exists -> {
                if (!exists) {
                    throw new StatusException(Status.NOT_EXIST, "user " + target + " not exist");
                }
                return deliverTransparent(draft, target);
            });
        }
        // submitted at once, on the caller's thread, so a sender's messages are stored in the order sent
        return writer.submit(draft, List.of(target)).thenApply(m -> SendMessageResult.newBuilder()
                .setMessageUid(m.messageUid()).setTimestamp(m.serverTime()).setSeq(m.senderSeq()).build());
    }

    private SendMessageResult deliverTransparent(StoredMessage m, String target) {
        Message view = m.viewFor(target, 0);
        delivery.deliver(List.of(new Delivery.UserPush(target, List.of(new Delivery.Outgoing(view, null)), 0)));
        return SendMessageResult.newBuilder().setMessageUid(m.messageUid()).setTimestamp(m.serverTime()).build();
    }

    private void validate(SendMessageRequest req) {
        if (!req.hasConversation() || req.getConversation().getTarget().isEmpty() || !req.hasContent()) {
            throw new StatusException(Status.INVALID_PARAMETER, "conversation target and content are required");
        }
        if (req.getConversation().getType() != ConversationTypes.SINGLE) {
            throw new StatusException(Status.NOT_IMPLEMENT,
                    "conversation type " + req.getConversation().getType() + " is not supported yet");
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
                Message m = e.message().viewFor(userId, e.seq());
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

    /** The newest committed seq of a user's timeline (read from the store: other nodes may have written). */
    public CompletableFuture<Long> head(String userId) {
        return blocking.supply(() -> store.head(userId));
    }

    /** One stored message by uid (server API {@code get_one}). */
    public CompletableFuture<Optional<StoredMessage>> find(long messageUid) {
        return blocking.supply(() -> store.find(messageUid));
    }
}
