package io.hearth.server.message;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import java.util.List;

/**
 * A persisted message as stored once, whatever the number of timelines it is on. {@code conversation} is as the
 * sender addressed it; {@link #view} builds what a given user sees, with the conversation as that user's
 * {@link ConversationPolicy} shows it. {@code state} and {@code updateTime} say whether and when it was changed
 * after it was sent ({@link MessageStates}); a changed message's {@code content} is its content now.
 */
public record StoredMessage(long messageUid, String sender, Conversation conversation, String fromClient,
                            String clientMessageId, MessageContent content, List<String> toUsers, long serverTime,
                            long senderSeq, int state, long updateTime) {

    /** A message as sent, never changed. */
    public StoredMessage(long messageUid, String sender, Conversation conversation, String fromClient,
                         String clientMessageId, MessageContent content, List<String> toUsers, long serverTime,
                         long senderSeq) {
        this(messageUid, sender, conversation, fromClient, clientMessageId, content, toUsers, serverTime, senderSeq,
                MessageStates.SENT, 0);
    }

    /** The message at {@code seq} of a receiver's timeline, who sees its conversation as {@code conv}. */
    public Message view(Conversation conv, long seq) {
        Message.Builder b = Message.newBuilder()
                .setMessageUid(messageUid)
                .setSender(sender)
                .setConversation(conv)
                .setContent(content)
                .setServerTime(serverTime)
                .setSeq(seq)
                .addAllToUsers(toUsers)
                .setState(state)
                .setUpdateTime(updateTime);
        if (clientMessageId != null) {
            b.setClientMessageId(clientMessageId);
        }
        return b.build();
    }

    /**
     * Whether the message has expired at {@code nowMillis}: its content's {@code expire_duration} (seconds) is set
     * and that long has passed since it was sent. The content as it is now decides (a recall's content has none).
     */
    public boolean expired(long nowMillis) {
        int seconds = content.getExpireDuration();
        return seconds > 0 && nowMillis >= serverTime + seconds * 1000L;
    }

    /** This message with its sender seq known (written by the message writer). */
    public StoredMessage withSenderSeq(long seq) {
        return new StoredMessage(messageUid, sender, conversation, fromClient, clientMessageId, content, toUsers,
                serverTime, seq, state, updateTime);
    }

    /** This message changed after it was sent: its content is now {@code newContent}. */
    public StoredMessage changed(MessageContent newContent, int newState, long at) {
        return new StoredMessage(messageUid, sender, conversation, fromClient, clientMessageId, newContent, toUsers,
                serverTime, senderSeq, newState, at);
    }
}
