package io.hearth.server.chatroom;

import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.ChatroomJoinResult;
import io.hearth.protocol.pb.ChatroomMembersRequest;
import io.hearth.protocol.pb.ChatroomMembersResult;
import io.hearth.protocol.pb.ChatroomTarget;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.common.StatusException;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.user.UserIds;
import java.util.concurrent.CompletableFuture;

/**
 * The chatroom RPC methods: {@code chatroom.join}, {@code chatroom.quit}, {@code chatroom.info} and
 * {@code chatroom.members}. A chatroom id follows the user id rules (251 otherwise). On event loops.
 */
public final class ChatroomMethods {

    static final int DEFAULT_MEMBERS = 100;
    static final int MAX_MEMBERS = 1000;

    private ChatroomMethods() {
    }

    public static void register(RpcRegistry rpc, ChatroomService chatrooms, ChatroomDirectory directory) {
        rpc.register(Methods.CHATROOM_JOIN, (caller, req) -> {
            String id = id(req.parse(ChatroomTarget.getDefaultInstance()).getChatroomId());
            return chatrooms.join(caller.userId(), caller.clientId(), caller.platform(), id)
                    .thenApply(head -> joined(id, head));
        });
        rpc.register(Methods.CHATROOM_QUIT, (caller, req) -> {
            String id = id(req.parse(ChatroomTarget.getDefaultInstance()).getChatroomId());
            chatrooms.quit(caller.userId(), caller.clientId(), id);
            return CompletableFuture.completedFuture(joined(id, 0));
        });
        rpc.register(Methods.CHATROOM_INFO, (caller, req) -> {
            String id = id(req.parse(ChatroomTarget.getDefaultInstance()).getChatroomId());
            return directory.info(id).thenApply(info -> Reply.newBuilder().setChatroomInfo(info).build());
        });
        rpc.register(Methods.CHATROOM_MEMBERS, (caller, req) -> {
            ChatroomMembersRequest r = req.parse(ChatroomMembersRequest.getDefaultInstance());
            String id = id(r.getChatroomId());
            if (r.getMaxCount() < 0) {
                throw new StatusException(Status.INVALID_PARAMETER, "max_count must not be negative");
            }
            int max = r.getMaxCount() == 0 ? DEFAULT_MEMBERS : Math.min(r.getMaxCount(), MAX_MEMBERS);
            return directory.members(id).thenApply(all -> Reply.newBuilder().setChatroomMembers(
                    ChatroomMembersResult.newBuilder().setChatroomId(id).setMemberCount(all.size())
                            .addAllMembers(all.subList(0, Math.min(max, all.size())))).build());
        });
    }

    static String id(String chatroomId) {
        return UserIds.check("chatroom_id", chatroomId);
    }

    private static Reply joined(String id, long head) {
        return Reply.newBuilder().setChatroomJoined(ChatroomJoinResult.newBuilder().setChatroomId(id).setHead(head))
                .build();
    }
}
