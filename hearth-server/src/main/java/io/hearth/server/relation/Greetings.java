package io.hearth.server.relation;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.message.MessageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an accepted friend request, the two messages the reference's clients show in the new conversation, sent
 * as server-side single-chat messages so both users' timelines get them: the greeting (type 92, persist flag 1,
 * the request's reason as its searchable content) from the requester, then "friend added" (type 93, persist
 * flag 1, no content) from the one who accepted. Listens to {@link FriendAccepted} on the event hook's thread; the
 * sends complete on the message writer's.
 */
public final class Greetings {

    static final int FRIEND_GREETING = 92;
    static final int FRIEND_ADDED = 93;
    private static final int PERSIST = 1;
    private static final Logger log = LoggerFactory.getLogger(Greetings.class);

    private final MessageService messages;

    public Greetings(MessageService messages) {
        this.messages = messages;
    }

    public void accepted(FriendAccepted e) {
        messages.send(e.fromUid(), null, message(e.toUid(), MessageContent.newBuilder().setType(FRIEND_GREETING)
                        .setSearchableContent(e.reason())))
                .thenCompose(r -> messages.send(e.toUid(), null,
                        message(e.fromUid(), MessageContent.newBuilder().setType(FRIEND_ADDED))))
                .whenComplete((r, err) -> {
                    if (err != null) {
                        log.warn("greetings of {} and {} not sent: {}", e.fromUid(), e.toUid(), err.toString());
                    }
                });
    }

    private static SendMessageRequest message(String target, MessageContent.Builder content) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(target))
                .setContent(content.setPersistFlag(PERSIST)).build();
    }
}
