package io.hearth.server.conversation;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.ConversationListRequest;
import io.hearth.protocol.pb.DeliveredRequest;
import io.hearth.protocol.pb.ReadRequest;
import io.hearth.protocol.pb.ReceiptAck;
import io.hearth.protocol.pb.ReceiptsRequest;
import io.hearth.protocol.pb.ReceiptsResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.rpc.RpcRegistry;

/**
 * The RPCs of receipts and conversations: {@code message.delivered}, {@code message.read}, {@code message.receipts}
 * and {@code conversation.list}.
 */
public final class ConversationMethods {

    private ConversationMethods() {
    }

    public static void register(RpcRegistry rpc, Receipts receipts, Conversations conversations) {
        rpc.register(Methods.MESSAGE_DELIVERED, (caller, req) -> receipts
                .delivered(caller.userId(), req.parse(DeliveredRequest.getDefaultInstance()).getSeq())
                .thenApply(ConversationMethods::ack));
        rpc.register(Methods.MESSAGE_READ, (caller, req) -> {
            ReadRequest r = req.parse(ReadRequest.getDefaultInstance());
            return receipts.read(caller.userId(), caller.clientId(), r.getConversation(), r.getReadTime())
                    .thenApply(ConversationMethods::ack);
        });
        rpc.register(Methods.MESSAGE_RECEIPTS, (caller, req) -> receipts
                .receipts(caller.userId(), req.parse(ReceiptsRequest.getDefaultInstance()).getConversation())
                .thenApply(list -> Reply.newBuilder().setReceipts(ReceiptsResult.newBuilder().addAllReceipts(list))
                        .build()));
        rpc.register(Methods.CONVERSATION_LIST, (caller, req) -> {
            ConversationListRequest r = req.parse(ConversationListRequest.getDefaultInstance());
            return conversations.list(caller.userId(), r.getSinceSeq(), r.getSinceRead())
                    .thenApply(l -> Reply.newBuilder().setConversations(l).build());
        });
    }

    private static Reply ack(long time) {
        return Reply.newBuilder().setReceiptAck(ReceiptAck.newBuilder().setTime(time)).build();
    }
}
