package io.hearth.server.message;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import java.util.List;

/**
 * A persisted message as stored once, whatever the number of timelines it is on. {@code conversation} is as the
 * sender addressed it; {@link #view} builds what a given user sees, with the conversation as that user's
 * {@link ConversationPolicy} shows it.
 */
public record StoredMessage(long messageUid, String sender, Conversation conversation, String fromClient,
                            String clientMessageId, MessageContent content, List<String> toUsers, long serverTime,
                            long senderSeq) {

    /** The message at {@code seq} of a receiver's timeline, who sees its conversation as {@code conv}. */
    public Message view(Conversation conv, long seq) {
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
