package io.hearth.server.message;

import io.hearth.server.event.EventHook;

/**
 * Where committed messages go: the pushes to online sessions, the views receivers get of them, and the event hook.
 */
public record CommitOutput(Delivery delivery, ConversationPolicies views, EventHook events) {
}
