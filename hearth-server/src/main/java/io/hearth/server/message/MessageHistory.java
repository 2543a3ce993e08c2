package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.LoadHistoryRequest;
import io.hearth.protocol.pb.LoadHistoryResult;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.SearchMessageRequest;
import io.hearth.protocol.pb.SearchMessageResult;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A user's server history of one conversation ({@code message.load_history}, the reference's {@code LRM}) and
 * search of its own messages ({@code message.search}). Both answer newest first, one bounded page per call, with
 * the cursor of the next page; the conversation's {@link ConversationPolicy} says who may read it and where
 * ({@link HistoryScope}). Reads run on the blocking executor. Tombstones of deleted copies (type
 * {@value MessageStates#DELETE_CONTENT_TYPE}) and expired messages ({@link StoredMessage#expired}) are never
 * returned; recalled and edited messages are, as they are now.
 */
public final class MessageHistory {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 100;
    /** Messages of a conversation one page reads at most, whatever it keeps (filters, other users' messages). */
    static final int SCAN = 400;
    static final int MAX_KEYWORD = 128;
    static final int MAX_CONTENT_TYPES = 64;

    private final HistoryStore store;
    private final ConversationPolicies policies;
    private final SharedTimelines shared;
    private final BlockingExecutor blocking;
    private final HearthConfig.Messages config;
    private final Clock clock;

    public MessageHistory(HistoryStore store, ConversationPolicies policies, SharedTimelines shared,
                          BlockingExecutor blocking, HearthConfig.Messages config, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.shared = shared;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A page of {@code userId}'s history of a conversation; 220 when {@code message.remote_history_message} is off,
     * 251 for a bad conversation or count, 9 or 253 from the conversation's policy, 253 for an unknown
     * {@code before_uid}.
     */
    public CompletableFuture<LoadHistoryResult> load(String userId, LoadHistoryRequest req) {
        int count;
        Set<Integer> types;
        try {
            if (!config.remoteHistory()) {
                throw new StatusException(Status.FUNCTION_DISABLED, "message.remote_history_message is off");
            }
            conversation(req.hasConversation() ? req.getConversation() : null, true);
            count = count(req.getCount());
            types = types(req.getContentTypesList());
            cursorUid(req.getBeforeUid());
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        Conversation conv = req.getConversation();
        return policies.find(conv.getType()).map(p -> p.historyScope(userId, conv))
                .orElseGet(() -> CompletableFuture.completedFuture(HistoryScope.OWN))
                .thenCompose(scope -> scope.isShared()
                        ? shared.readable(userId, 2, scope.sharedTimeline()).thenCompose(readable ->
                                blocking.supply(() -> sharedPage(userId, scope.sharedTimeline(), readable.after(),
                                        req.getBeforeUid(), count, types)))
                        : blocking.supply(() -> ownPage(userId, conv, req.getBeforeUid(), count, types)));
    }

    private LoadHistoryResult ownPage(String userId, Conversation conv, long beforeUid, int count, Set<Integer> types) {
        HistoryStore.Cursor before = beforeUid == 0 ? null : store.position(beforeUid)
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "before_uid " + beforeUid + " not exist"));
        List<MessageStore.Entry> scanned = store.conversation(userId, conv, before, SCAN);
        long now = clock.millis();
        LoadHistoryResult.Builder out = LoadHistoryResult.newBuilder();
        for (MessageStore.Entry e : scanned) {
            if (e.seq() > 0 && shows(e.message(), types, now)) {
                out.addMessages(view(e, userId));
                if (out.getMessagesCount() == count) {
                    return out.setNextBeforeUid(e.message().messageUid()).build();
                }
            }
        }
        return out.setNextBeforeUid(scanned.size() < SCAN ? 0 : scanned.get(scanned.size() - 1).message().messageUid())
                .build();
    }

    private LoadHistoryResult sharedPage(String userId, String timeline, long after, long beforeUid, int count,
                                         Set<Integer> types) {
        long before = beforeUid == 0 ? Long.MAX_VALUE : store.sharedSeq(timeline, beforeUid)
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                        "before_uid " + beforeUid + " is not a message of group " + timeline));
        List<MessageStore.Entry> scanned = store.shared(timeline, after, before, SCAN);
        long now = clock.millis();
        LoadHistoryResult.Builder out = LoadHistoryResult.newBuilder();
        for (MessageStore.Entry e : scanned) {
            StoredMessage m = e.message();
            boolean addressed = m.toUsers().isEmpty() || m.toUsers().contains(userId) || m.sender().equals(userId);
            if (addressed && shows(m, types, now)) {
                out.addMessages(view(e, userId));
                if (out.getMessagesCount() == count) {
                    return out.setNextBeforeUid(m.messageUid()).build();
                }
            }
        }
        return out.setNextBeforeUid(scanned.size() < SCAN ? 0 : scanned.get(scanned.size() - 1).message().messageUid())
                .build();
    }

    /**
     * A page of {@code userId}'s own messages matching a keyword; 220 when {@code message.disable_remote_search} is
     * on, 251 for a bad keyword, conversation or count, 253 for an unknown {@code before_uid}.
     */
    public CompletableFuture<SearchMessageResult> search(String userId, SearchMessageRequest req) {
        int count;
        Set<Integer> types;
        String keyword;
        try {
            if (config.disableRemoteSearch()) {
                throw new StatusException(Status.FUNCTION_DISABLED, "message.disable_remote_search is on");
            }
            keyword = FieldCheck.text("keyword", req.getKeyword().strip(), MAX_KEYWORD);
            if (keyword.isEmpty()) {
                throw FieldCheck.invalid("keyword is required");
            }
            conversation(req.hasConversation() ? req.getConversation() : null, false);
            count = count(req.getCount());
            types = types(req.getContentTypesList());
            cursorUid(req.getBeforeUid());
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        Conversation conv = req.hasConversation() ? req.getConversation() : null;
        return blocking.supply(() -> {
            HistoryStore.Cursor before = req.getBeforeUid() == 0 ? null : store.position(req.getBeforeUid())
                    .orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                            "before_uid " + req.getBeforeUid() + " not exist"));
            List<MessageStore.Entry> found = store.search(userId, keyword, conv, types, before, count);
            SearchMessageResult.Builder out = SearchMessageResult.newBuilder();
            long now = clock.millis();
            found.stream().filter(e -> !e.message().expired(now)).forEach(e -> out.addMessages(view(e, userId)));
            if (found.size() == count) {
                out.setNextBeforeUid(found.get(found.size() - 1).message().messageUid());
            }
            return out.build();
        });
    }

    private Message view(MessageStore.Entry e, String userId) {
        return e.message().view(policies.viewFor(e.message(), userId), e.seq());
    }

    private static boolean shows(StoredMessage m, Set<Integer> types, long now) {
        int type = m.content().getType();
        return type != MessageStates.DELETE_CONTENT_TYPE && (types.isEmpty() || types.contains(type))
                && !m.expired(now);
    }

    /** 251 unless {@code conv} names a stored conversation type and a target; null passes when not required. */
    private static void conversation(Conversation conv, boolean required) {
        if (conv == null) {
            if (required) {
                throw FieldCheck.invalid("conversation is required");
            }
            return;
        }
        int type = conv.getType();
        if (type != ConversationTypes.SINGLE && type != ConversationTypes.GROUP && type != ConversationTypes.CHANNEL) {
            throw FieldCheck.invalid("conversation type " + type + " has no server history (0 single, 1 group,"
                    + " 3 channel)");
        }
        if (conv.getTarget().isEmpty()) {
            throw FieldCheck.invalid("conversation target is required");
        }
        FieldCheck.printable("conversation target", conv.getTarget(), 64);
        if (conv.getLine() < 0) {
            throw FieldCheck.invalid("conversation line must not be negative");
        }
    }

    private static int count(int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw FieldCheck.invalid("count must be 0 (" + DEFAULT_COUNT + ") to " + MAX_COUNT + ", not " + count);
        }
        return count == 0 ? DEFAULT_COUNT : count;
    }

    private static Set<Integer> types(List<Integer> types) {
        FieldCheck.count("content_types", types, MAX_CONTENT_TYPES);
        return new HashSet<>(types);
    }

    private static void cursorUid(long beforeUid) {
        if (beforeUid < 0) {
            throw FieldCheck.invalid("before_uid must not be negative");
        }
    }
}
