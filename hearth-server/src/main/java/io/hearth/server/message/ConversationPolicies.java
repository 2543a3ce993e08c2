package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.server.common.StatusException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy of every conversation type this node serves, and the views receivers get of stored messages. Built
 * once at start-up; read-only and safe on any thread afterwards.
 */
public final class ConversationPolicies {

    private final Map<Integer, ConversationPolicy> byType = new HashMap<>();

    public ConversationPolicies(List<ConversationPolicy> policies) {
        for (ConversationPolicy p : policies) {
            if (byType.putIfAbsent(p.type(), p) != null) {
                throw new IllegalStateException("two policies for conversation type " + p.type());
            }
        }
    }

    /** The policy of {@code type}; 254 when this version does not serve that type yet. */
    public ConversationPolicy of(int type) {
        ConversationPolicy p = byType.get(type);
        if (p == null) {
            throw new StatusException(Status.NOT_IMPLEMENT, "conversation type " + type + " is not supported yet");
        }
        return p;
    }

    /** The conversation of {@code message} as {@code receiver} sees it. */
    public Conversation viewFor(StoredMessage message, String receiver) {
        ConversationPolicy p = byType.get(message.conversation().getType());
        return p == null ? message.conversation() : p.viewFor(message, receiver);
    }

    /** The policy of {@code type}, empty when this node serves no such type. */
    public Optional<ConversationPolicy> find(int type) {
        return Optional.ofNullable(byType.get(type));
    }
}
