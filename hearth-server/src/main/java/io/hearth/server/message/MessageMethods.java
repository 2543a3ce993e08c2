package io.hearth.server.message;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.SessionFacet;
import java.util.function.Consumer;

/** The message feature's RPC methods, {@code message.send} and {@code message.pull}, and its part of {@code session.info}. */
public final class MessageMethods {

    private MessageMethods() {
    }

    public static void register(RpcRegistry rpc, MessageService messages) {
        rpc.register(Methods.MESSAGE_SEND, (caller, req) -> messages
                .send(caller.userId(), caller.clientId(), req.parse(SendMessageRequest.getDefaultInstance()))
                .thenApply(r -> Reply.newBuilder().setSend(r).build()));
        rpc.register(Methods.MESSAGE_PULL, (caller, req) -> {
            PullMessageRequest p = req.parse(PullMessageRequest.getDefaultInstance());
            return (p.getType() == 0 ? messages.pull(caller.userId(), p.getSinceSeq(), p.getLimit())
                    : messages.pullShared(caller.userId(), p.getType(), p.getTarget(), p.getSinceSeq(), p.getLimit()))
                    .thenApply(r -> Reply.newBuilder().setPull(r).build());
        });
    }

    /** The head of the caller's timeline. */
    public static SessionFacet head(MessageService messages) {
        return caller -> messages.head(caller.userId())
                .thenApply(head -> (Consumer<SessionInfoResult.Builder>) b -> b.setHead(head));
    }
}
