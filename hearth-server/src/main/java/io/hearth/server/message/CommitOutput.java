package io.hearth.server.message;

import io.hearth.server.event.EventHook;

/**
 * Where committed messages go: the pushes to online sessions, the views receivers get of them, the event hook, and
 * the owner of the shared timelines (told when one grew).
 */
public record CommitOutput(Delivery delivery, ConversationPolicies views, EventHook events, SharedTimelines shared) {

    /** Without shared timelines. */
    public CommitOutput(Delivery delivery, ConversationPolicies views, EventHook events) {
        this(delivery, views, events, SharedTimelines.NONE);
    }
}
