package io.hearth.server.conversation;

import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Receipt;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.group.GroupInfo;
import io.hearth.server.group.GroupMember;
import io.hearth.server.group.GroupStore;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.SendLimits;
import io.hearth.server.notice.Notifier;
import io.hearth.server.setting.SettingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Delivery and read receipts, the reference's latest-time model: per user a delivered mark (the timeline seq its
 * clients reported, and that entry's time), per user and conversation a read mark (a time). A mark that moves tells
 * the senders of the messages it passed with a {@link NoticeKinds#RECEIPT} notice (they ask {@link #receipts} who and
 * how far), and a read tells the reader's other devices with {@link NoticeKinds#CONVERSATION_READ} (their unread
 * count of that conversation is 0 up to there). A user who disabled receipts (setting scope 13 = "1") tells no one
 * and is left out of what others see; its own devices still sync their reads. Super groups have no receipts (as in
 * the reference).
 */
public final class Receipts {

    /** User setting scope 13: "1" disables receipts. */
    public static final int DISABLE_RECEIPT_SCOPE = 13;

    private final ReceiptStore store;
    private final GroupStore groups;
    private final SettingStore settings;
    private final Notifier notifier;
    private final BlockingExecutor blocking;
    private final Clock clock;

    public Receipts(ReceiptStore store, GroupStore groups, SettingStore settings, Notifier notifier,
                    BlockingExecutor blocking, Clock clock) {
        this.store = store;
        this.groups = groups;
        this.settings = settings;
        this.notifier = notifier;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** {@code userId}'s clients received its timeline up to {@code seq}; completes with the delivered time. */
    public CompletableFuture<Long> delivered(String userId, long seq) {
        if (seq <= 0) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "seq must be a positive timeline seq"));
        }
        return blocking.supply(() -> {
            ReceiptStore.Moved m = store.delivered(userId, seq, clock.millis());
            if (m.afterSeq() > m.beforeSeq() && !disabled(userId)) {
                List<Notifier.UserNotice> notices = new ArrayList<>();
                for (ReceiptStore.SenderConversation s : store.sendersBetween(userId, m.beforeSeq(), m.afterSeq())) {
                    if (s.conversation().getType() != ConversationTypes.SINGLE
                            && s.conversation().getType() != ConversationTypes.GROUP || disabled(s.sender())) {
                        continue;
                    }
                    notices.add(Notifier.of(s.sender(), NoticeKinds.RECEIPT, m.after(),
                            ConversationKeys.of(s.conversation()), null));
                }
                notifier.notify(notices);
            }
            return m.after();
        });
    }

    /**
     * {@code userId} read {@code conv} (as it sees it) up to {@code readTime} (0 or later than now: now) on the
     * client {@code fromClient}; completes with the read time.
     */
    public CompletableFuture<Long> read(String userId, String fromClient, Conversation conv, long readTime) {
        try {
            check(conv);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        return blocking.supply(() -> {
            long now = clock.millis();
            long at = readTime <= 0 || readTime > now ? now : readTime;
            ReceiptStore.Moved m = store.read(userId, conv, at, now);
            if (!m.moved()) {
                return m.after();
            }
            List<Notifier.UserNotice> notices = new ArrayList<>();
            notices.add(Notifier.of(userId, NoticeKinds.CONVERSATION_READ, m.after(), ConversationKeys.of(conv),
                    fromClient));
            if (!disabled(userId)) {
                List<String> senders = conv.getType() == ConversationTypes.SINGLE ? List.of(conv.getTarget())
                        : store.groupSendersBetween(conv, m.before(), m.after());
                Conversation seen = conv.getType() == ConversationTypes.SINGLE
                        ? conv.toBuilder().setTarget(userId).build() : conv;
                for (String s : senders) {
                    if (!s.equals(userId) && !disabled(s)) {
                        notices.add(Notifier.of(s, NoticeKinds.RECEIPT, m.after(), ConversationKeys.of(seen), null));
                    }
                }
            }
            notifier.notify(notices);
            return m.after();
        });
    }

    /**
     * How far the others of {@code conv} (as {@code caller} sees it) received and read it: a single chat's peer, a
     * group's present members; 9 when the caller is not a member, 254 for a super group.
     */
    public CompletableFuture<List<Receipt>> receipts(String caller, Conversation conv) {
        try {
            check(conv);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        return blocking.supply(() -> {
            List<String> others = others(caller, conv);
            if (disabled(caller)) {
                return List.of();
            }
            others.removeIf(this::disabled);
            Map<String, Long> delivered = store.deliveredTimes(others);
            boolean single = conv.getType() == ConversationTypes.SINGLE;
            Map<String, Long> read = store.readTimes(others, conv.getType(), conv.getLine(),
                    u -> single ? caller : conv.getTarget());
            List<Receipt> out = new ArrayList<>(others.size());
            for (String u : others) {
                out.add(Receipt.newBuilder().setUserId(u).setDeliveredTime(delivered.getOrDefault(u, 0L))
                        .setReadTime(read.getOrDefault(u, 0L)).build());
            }
            return out;
        });
    }

    /** {@code /admin/message/delivery}: the user's delivered time (0 for none). */
    public CompletableFuture<Long> deliveredTime(String userId) {
        return blocking.supply(() -> store.deliveredTimes(List.of(userId)).getOrDefault(userId, 0L));
    }

    /** {@code /admin/message/conv_read}: the user's read time of a conversation (0 for none). */
    public CompletableFuture<Long> readTime(String userId, Conversation conv) {
        try {
            check(conv);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        return blocking.supply(() -> store.readTimes(List.of(userId), conv.getType(), conv.getLine(),
                u -> conv.getTarget()).getOrDefault(userId, 0L));
    }

    private List<String> others(String caller, Conversation conv) {
        if (conv.getType() == ConversationTypes.SINGLE) {
            return new ArrayList<>(conv.getTarget().equals(caller) ? List.of() : List.of(conv.getTarget()));
        }
        GroupInfo info = groups.find(conv.getTarget())
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "group " + conv.getTarget() + " not exist"));
        if (info.superGroup()) {
            throw new StatusException(Status.NOT_IMPLEMENT, "super groups have no receipts");
        }
        Map<String, GroupMember> members = groups.members(conv.getTarget());
        GroupMember me = members.get(caller);
        if (me == null || !me.present()) {
            throw new StatusException(Status.NOT_IN_GROUP, caller + " is not a member of group " + conv.getTarget());
        }
        List<String> out = new ArrayList<>();
        members.values().stream().filter(GroupMember::present).map(GroupMember::memberId)
                .filter(m -> !m.equals(caller)).forEach(out::add);
        return out;
    }

    private static void check(Conversation conv) {
        FieldCheck.printable("conversation.target", conv.getTarget(), SendLimits.TARGET);
        if (conv.getTarget().isEmpty()
                || conv.getType() != ConversationTypes.SINGLE && conv.getType() != ConversationTypes.GROUP) {
            throw new StatusException(Status.INVALID_PARAMETER,
                    "receipts are for single chats (type 0) and groups (type 1) with a target");
        }
    }

    private boolean disabled(String userId) {
        return settings.find(userId, DISABLE_RECEIPT_SCOPE, "").map(s -> "1".equals(s.value())).orElse(false);
    }
}
