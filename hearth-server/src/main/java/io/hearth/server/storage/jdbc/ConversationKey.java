package io.hearth.server.storage.jdbc;

import io.hearth.protocol.pb.Conversation;

/**
 * {@code messages.conv_key} of a user's conversation, as migration V10 computes it in SQL: a single chat is
 * {@code 0/line/a/b} with its two users in the dialect's {@linkplain Dialect#lockOrder() order} (the migration
 * sorts them with the same collation), both sides of it one key; any other conversation is
 * {@code type/line/target}.
 */
final class ConversationKey {

    private ConversationKey() {
    }

    static String of(Dialect dialect, String userId, Conversation conv) {
        if (conv.getType() == 0) {
            String peer = conv.getTarget();
            boolean userFirst = dialect.lockOrder().compare(userId, peer) <= 0;
            return "0/" + conv.getLine() + "/" + (userFirst ? userId + "/" + peer : peer + "/" + userId);
        }
        return conv.getType() + "/" + conv.getLine() + "/" + conv.getTarget();
    }
}
