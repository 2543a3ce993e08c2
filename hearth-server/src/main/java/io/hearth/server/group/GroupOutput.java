package io.hearth.server.group;

import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.event.EventHook;
import java.util.concurrent.CompletableFuture;

/**
 * What follows a committed group change: the {@link GroupChanged} event and the notification message. The change's
 * future completes when the notification is stored, so a caller that gets its answer finds the notification in
 * every member's timeline. Called on the blocking executor after the commit.
 */
final class GroupOutput {

    private final GroupNotices notices;
    private final EventHook events;

    GroupOutput(GroupNotices notices, EventHook events) {
        this.notices = notices;
        this.events = events;
    }

    /** Publishes {@code event} and sends {@code content} (null: only an explicit {@code notify_message}). */
    CompletableFuture<Void> after(GroupOp op, GroupChanged event, MessageContent content) {
        events.publish(event);
        if (content == null && op.notifyMessage() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return notices.send(op, event.groupId(), content);
    }
}
