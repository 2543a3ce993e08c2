package io.hearth.server.conversation;

import io.hearth.protocol.pb.Conversation;

/**
 * A conversation as a string, {@code type-line-target} (the reference's key of conversation settings: top scope 3,
 * silent scope 1, draft scope 19), and the {@code target} of the receipt notices. The target goes last, so it may
 * contain '-'.
 */
public final class ConversationKeys {

    private ConversationKeys() {
    }

    public static String of(Conversation c) {
        return c.getType() + "-" + c.getLine() + "-" + c.getTarget();
    }

    public static String of(int type, int line, String target) {
        return type + "-" + line + "-" + target;
    }
}
