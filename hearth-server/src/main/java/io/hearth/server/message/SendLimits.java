package io.hearth.server.message;

import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.user.UserIds;
import java.util.List;

/**
 * The limits of a send request's fields, which must fit the {@code messages} row (V1__init.sql), checked with the
 * field names the caller used: {@link #RPC} for {@code message.send}, {@link #SERVER_API} for
 * {@code /admin/message/send}. The content's strings are bounded together by {@code message.max_content_size}
 * (code 10, checked by {@link MessageService}); they are stored inside the protobuf content bytes, not in columns
 * of their own. Stateless; called on the caller's thread.
 */
public final class SendLimits {

    /** {@code messages.conv_target VARCHAR(64)}; a single chat's target is a user id. */
    public static final int TARGET = UserIds.MAX_LENGTH;
    /** {@code messages.client_message_id VARCHAR(64)}. */
    public static final int CLIENT_MESSAGE_ID = 64;
    /** {@code messages.to_users VARCHAR(8192)} holds them joined with commas: 100 × 64 + 99 = 6,499 characters. */
    public static final int TO_USERS = 100;
    /** The storage column of {@code to_users}. */
    public static final int TO_USERS_COLUMN = 8192;
    /** Users named one by one in a mention; more than this is a mention of everyone ({@code mentioned_type} 2). */
    public static final int MENTIONED_TARGETS = 100;

    /** The persist flags of the reference: 0 not persisted on clients, 1 persist, 3 persist and count, 4 transparent. */
    public static final java.util.Set<Integer> PERSIST_FLAGS = java.util.Set.of(0, 1, 3, 4);

    /** The wire names of the checked fields, as the caller spelled them. */
    public record Names(String target, String clientMessageId, String toUsers, String mentionedTarget,
                        String persistFlag) {
    }

    public static final Names RPC = new Names("conversation.target", "client_message_id", "to_users",
            "content.mentioned_target", "content.persist_flag");
    public static final Names SERVER_API = new Names("conv.target", "clientMessageId", "toUsers",
            "payload.mentionedTarget", "payload.persistFlag");

    private SendLimits() {
    }

    /** Checks target, client message id, {@code to_users} and mentions; 251 naming the first bad field. */
    public static void check(SendMessageRequest req, Names names) {
        String target = req.getConversation().getTarget();
        if (req.getConversation().getType() == ConversationTypes.SINGLE) {
            UserIds.check(names.target(), target);
        } else {
            FieldCheck.printable(names.target(), target, TARGET);
        }
        FieldCheck.printable(names.clientMessageId(), req.getClientMessageId(), CLIENT_MESSAGE_ID);
        userIds(names.toUsers(), req.getToUsersList(), TO_USERS);
        checkContent(req.getContent(), names);
    }

    /** Checks a content's mentions and persist flag (a send's, or an edit's new content); 251 naming the field. */
    public static void checkContent(MessageContent c, Names names) {
        userIds(names.mentionedTarget(), c.getMentionedTargetList(), MENTIONED_TARGETS);
        if (!PERSIST_FLAGS.contains(c.getPersistFlag())) {
            throw new io.hearth.server.common.StatusException(io.hearth.protocol.Status.INVALID_PARAMETER,
                    names.persistFlag() + " must be 0, 1, 3 or 4");
        }
    }

    private static void userIds(String field, List<String> ids, int max) {
        FieldCheck.count(field, ids, max);
        for (int i = 0; i < ids.size(); i++) {
            UserIds.check(field + "[" + i + "]", ids.get(i));
        }
    }
}
