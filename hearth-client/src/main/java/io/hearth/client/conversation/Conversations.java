package io.hearth.client.conversation;

import io.hearth.client.rpc.Caller;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.ConversationListRequest;
import io.hearth.protocol.pb.ConversationListResult;
import io.hearth.protocol.pb.DeliveredRequest;
import io.hearth.protocol.pb.ReadRequest;
import io.hearth.protocol.pb.Receipt;
import io.hearth.protocol.pb.ReceiptsRequest;
import io.hearth.protocol.pb.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server's conversation list and the receipts ({@code HearthClient.conversations()}). Others' receipts arrive
 * as {@code receipt} notices (target: the conversation, "type-line-target"), this user's reads on other devices as
 * {@code conversation_read} notices. Immutable; any thread.
 */
public final class Conversations {

    private final Caller caller;

    public Conversations(Caller caller) {
        this.caller = caller;
    }

    /**
     * {@code conversation.list}: every conversation with its last message and unread counts (0, 0), or those
     * changed since the {@code head} and {@code read_version} of an earlier answer.
     */
    public CompletableFuture<ConversationListResult> list(long sinceSeq, long sinceRead) {
        return caller.call(Methods.CONVERSATION_LIST, ConversationListRequest.newBuilder().setSinceSeq(sinceSeq)
                .setSinceRead(sinceRead).build(), Reply.ResultCase.CONVERSATIONS, Reply::getConversations);
    }

    /** {@code message.delivered}: this user's timeline is received up to {@code seq}; the delivered time. */
    public CompletableFuture<Long> delivered(long seq) {
        return caller.call(Methods.MESSAGE_DELIVERED, DeliveredRequest.newBuilder().setSeq(seq).build(),
                Reply.ResultCase.RECEIPT_ACK, r -> r.getReceiptAck().getTime());
    }

    /** {@code message.read}: {@code conversation} is read up to {@code readTime} (0: now); the read time. */
    public CompletableFuture<Long> read(Conversation conversation, long readTime) {
        return caller.call(Methods.MESSAGE_READ, ReadRequest.newBuilder().setConversation(conversation)
                .setReadTime(readTime).build(), Reply.ResultCase.RECEIPT_ACK, r -> r.getReceiptAck().getTime());
    }

    /** {@code message.receipts}: how far the others of a conversation received and read it. */
    public CompletableFuture<List<Receipt>> receipts(Conversation conversation) {
        return caller.call(Methods.MESSAGE_RECEIPTS, ReceiptsRequest.newBuilder().setConversation(conversation).build(),
                Reply.ResultCase.RECEIPTS, r -> r.getReceipts().getReceiptsList());
    }
}
