package io.hearth.server.message;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import java.util.List;

/**
 * A persisted message as stored once, whatever the number of timelines it is on. {@code conversation} is as the
 * sender addressed it; {@link #viewFor} turns it into what a given user sees.
 */
public record StoredMessage(long messageUid, String sender, Conversation conversation, String fromClient,
                            String clientMessageId, MessageContent content, List<String> toUsers, long serverTime,
                            long senderSeq) {

    /** The message as {@code userId} sees it at {@code seq}: in a single chat the receiver's target is the sender. */
    public Message viewFor(String userId, long seq) {
        Conversation conv = conversation;
        if (conv.getType() == ConversationTypes.SINGLE && !userId.equals(sender)) {
            conv = conv.toBuilder().setTarget(sender).build();
        }
        Message.Builder b = Message.newBuilder()
                .setMessageUid(messageUid)
                .setSender(sender)
                .setConversation(conv)
                .setContent(content)
                .setServerTime(serverTime)
                .setSeq(seq)
                .addAllToUsers(toUsers);
        if (clientMessageId != null) {
            b.setClientMessageId(clientMessageId);
        }
        return b.build();
    }
}
