package io.hearth.server.rpc;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.server.message.MessageService;
import java.time.Clock;
import java.util.Map;

/** The RPC methods of this version: {@code message.send}, {@code message.pull}, {@code session.info}. */
public final class MessageMethods {

    private MessageMethods() {
    }

    public static Map<String, RpcMethod> all(MessageService messages, int nodeId, Clock clock) {
        RpcMethod send = (caller, req) -> messages
                .send(caller.userId(), caller.clientId(), req.parse(SendMessageRequest.getDefaultInstance()))
                .thenApply(r -> Reply.newBuilder().setSend(r).build());
        RpcMethod pull = (caller, req) -> {
            PullMessageRequest p = req.parse(PullMessageRequest.getDefaultInstance());
            return messages.pull(caller.userId(), p.getSinceSeq(), p.getLimit())
                    .thenApply(r -> Reply.newBuilder().setPull(r).build());
        };
        RpcMethod info = (caller, req) -> messages.head(caller.userId())
                .thenApply(head -> Reply.newBuilder().setSession(SessionInfoResult.newBuilder()
                        .setUserId(caller.userId()).setClientId(caller.clientId()).setPlatform(caller.platform())
                        .setNodeId(nodeId).setServerTime(clock.millis()).setHead(head)).build());
        return Map.of(Methods.MESSAGE_SEND, send, Methods.MESSAGE_PULL, pull, Methods.SESSION_INFO, info);
    }
}
