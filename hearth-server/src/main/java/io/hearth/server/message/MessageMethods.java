package io.hearth.server.message;

import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.DeleteMessageRequest;
import io.hearth.protocol.pb.MessageChangeResult;
import io.hearth.protocol.pb.MulticastMessageRequest;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.RecallMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.UpdateMessageRequest;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.SessionFacet;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The message feature's RPC methods, {@code message.send} and {@code message.pull}, and its part of
 * {@code session.info}; and the lifecycle ones, {@code message.recall}, {@code message.update} and
 * {@code message.delete} ({@link MessageChanges}).
 */
public final class MessageMethods {

    private MessageMethods() {
    }

    public static void register(RpcRegistry rpc, MessageService messages) {
        register(rpc, messages, Map.of());
    }

    /**
     * {@code message.send} and {@code message.pull}, whose pull types in {@code memory} read those in-memory queues
     * (type 1, chatrooms) instead of a stored timeline.
     */
    public static void register(RpcRegistry rpc, MessageService messages, Map<Integer, MemoryTimelines> memory) {
        rpc.register(Methods.MESSAGE_SEND, (caller, req) -> messages
                .send(caller.userId(), caller.clientId(), req.parse(SendMessageRequest.getDefaultInstance()))
                .thenApply(r -> Reply.newBuilder().setSend(r).build()));
        rpc.register(Methods.MESSAGE_PULL, (caller, req) -> {
            PullMessageRequest p = req.parse(PullMessageRequest.getDefaultInstance());
            MemoryTimelines queue = memory.get(p.getType());
            if (queue != null) {
                return queue.pull(caller.userId(), caller.clientId(), p.getTarget(), p.getSinceSeq(), p.getLimit())
                        .thenApply(MessageMethods::pulled);
            }
            return (p.getType() == 0 ? messages.pull(caller.userId(), p.getSinceSeq(), p.getLimit())
                    : messages.pullShared(caller.userId(), p.getType(), p.getTarget(), p.getSinceSeq(), p.getLimit()))
                    .thenApply(MessageMethods::pulled);
        });
    }

    public static void register(RpcRegistry rpc, MessageChanges changes) {
        rpc.register(Methods.MESSAGE_RECALL, (caller, req) -> changes
                .recall(caller.userId(), req.parse(RecallMessageRequest.getDefaultInstance()).getMessageUid(), true)
                .thenApply(original -> changed(original.messageUid(), 0)));
        rpc.register(Methods.MESSAGE_UPDATE, (caller, req) -> {
            UpdateMessageRequest u = req.parse(UpdateMessageRequest.getDefaultInstance());
            return changes.update(caller.userId(), u.getMessageUid(), u.getContent(), true, 0, true)
                    .thenApply(m -> changed(m.messageUid(), m.updateTime()));
        });
        rpc.register(Methods.MESSAGE_DELETE, (caller, req) -> changes
                .deleteCopy(caller.userId(), req.parse(DeleteMessageRequest.getDefaultInstance()).getMessageUid())
                .thenApply(tombstone -> changed(tombstone.messageUid(), tombstone.serverTime())));
    }

    public static void register(RpcRegistry rpc, ClientMulticast multicast) {
        rpc.register(Methods.MESSAGE_MULTICAST, (caller, req) -> multicast
                .send(caller.userId(), caller.clientId(), req.parse(MulticastMessageRequest.getDefaultInstance()))
                .thenApply(r -> Reply.newBuilder().setSend(r).build()));
    }

    /**
     * A pull's reply; code 26 with the result when the entries the caller asked for were purged, so a client that
     * does not know {@code oldest_seq} stops rather than skipping them unawares.
     */
    private static Reply pulled(PullMessageResult r) {
        Reply.Builder b = Reply.newBuilder().setPull(r);
        if (r.getOldestSeq() > 0) {
            b.setCode(Status.MESSAGES_PURGED.code()).setMsg("entries before seq " + r.getOldestSeq()
                    + " were purged (message.retention_days); pull from " + r.getCurrent() + " to go on");
        }
        return b.build();
    }

    private static Reply changed(long uid, long at) {
        return Reply.newBuilder().setMessageChanged(MessageChangeResult.newBuilder().setMessageUid(uid)
                .setUpdateTime(at)).build();
    }

    /** The head of the caller's timeline. */
    public static SessionFacet head(MessageService messages) {
        return caller -> messages.head(caller.userId())
                .thenApply(head -> (Consumer<SessionInfoResult.Builder>) b -> b.setHead(head));
    }
}
