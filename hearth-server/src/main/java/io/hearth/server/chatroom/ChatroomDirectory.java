package io.hearth.server.chatroom;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.ChatroomInfo;
import io.hearth.server.common.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the cluster knows of a room: its stored info with the member count, and its members on every node (this
 * node's, and those {@code elsewhere} answers for the other nodes). 253 for a room that does not exist. Any thread.
 */
public final class ChatroomDirectory {

    private final ChatroomService chatrooms;
    private final Function<String, CompletableFuture<List<String>>> elsewhere;
    private final Function<String, CompletableFuture<java.util.Optional<ChatroomService.UserChatroom>>> whereElse;

    /**
     * {@code elsewhere}: a room's members on the other nodes; {@code whereElse}: a user's room on the other nodes
     * (both answer empty on a single node).
     */
    public ChatroomDirectory(ChatroomService chatrooms, Function<String, CompletableFuture<List<String>>> elsewhere,
                             Function<String, CompletableFuture<java.util.Optional<ChatroomService.UserChatroom>>>
                                     whereElse) {
        this.chatrooms = chatrooms;
        this.elsewhere = elsewhere;
        this.whereElse = whereElse;
    }

    public CompletableFuture<Room> room(String chatroomId) {
        return chatrooms.rooms().find(chatroomId).thenApply(r -> r.orElseThrow(() ->
                new StatusException(Status.NOT_EXIST, "chatroom " + chatroomId + " not exist")));
    }

    /** The room's members on every node, sorted; 253 when there is no such room. */
    public CompletableFuture<List<String>> members(String chatroomId) {
        return room(chatroomId).thenCompose(r -> elsewhere.apply(chatroomId)).thenApply(other -> {
            List<String> all = new ArrayList<>(chatrooms.membersOf(chatroomId));
            all.addAll(other);
            all.sort(null);
            return all;
        });
    }

    /** Where the user is in the cluster: its room, client and platform; empty when in none. */
    public CompletableFuture<java.util.Optional<ChatroomService.UserChatroom>> userChatroom(String userId) {
        var here = chatrooms.userChatroom(userId);
        return here.isPresent() ? CompletableFuture.completedFuture(here) : whereElse.apply(userId);
    }

    public CompletableFuture<ChatroomInfo> info(String chatroomId) {
        return room(chatroomId).thenCompose(r -> members(chatroomId).thenApply(m -> {
            RoomInfo i = r.info();
            return ChatroomInfo.newBuilder().setChatroomId(i.chatroomId()).setTitle(i.title()).setDesc(i.desc())
                    .setPortrait(i.portrait()).setExtra(i.extra()).setState(i.state()).setMemberCount(m.size())
                    .setCreateDt(i.createDt()).setUpdateDt(i.updateDt()).build();
        }));
    }
}
