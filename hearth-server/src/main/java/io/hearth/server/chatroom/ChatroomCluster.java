package io.hearth.server.chatroom;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.pb.Message;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.cluster.NodeLink;
import io.hearth.server.cluster.pb.ChatroomEntry;
import io.hearth.server.cluster.pb.NodeEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chatrooms across the nodes of a cluster. A room's message goes to every other live node once, in one envelope
 * (field {@code chatrooms} of the node envelope), whatever the number of members there: each node hands it to its
 * own members' queues. A room's members, a user's room, and dropping a user (another client took its place, a ban,
 * a destroyed room) are node calls to every other live node; a node that does not answer within {@link #TIMEOUT}
 * counts as having none; a ban or a destroy also drops the room from the other nodes' caches at once. Sends to other nodes run on {@code outbound} (one thread), so a sender never waits on the
 * network.
 */
public final class ChatroomCluster implements ChatroomRelay.Remote, ChatroomService.Elsewhere {

    private static final Logger log = LoggerFactory.getLogger(ChatroomCluster.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String MEMBERS = "chatroom.members";
    private static final String WHERE = "chatroom.where";
    private static final String EXPEL = "chatroom.expel";

    private final ChatroomService chatrooms;
    private final Membership membership;
    private final NodeLink link;
    private final NodeCalls calls;
    private final int selfId;
    private final Executor outbound;

    public ChatroomCluster(ChatroomService chatrooms, Membership membership, NodeLink link, NodeCalls calls,
                           int selfId, Executor outbound) {
        this.chatrooms = chatrooms;
        this.membership = membership;
        this.link = link;
        this.calls = calls;
        this.selfId = selfId;
        this.outbound = outbound;
        link.onReceive(this::received);
        calls.serve(MEMBERS, req -> CompletableFuture.completedFuture(String.join("\n",
                chatrooms.membersOf(text(req))).getBytes(StandardCharsets.UTF_8)));
        calls.serve(WHERE, req -> CompletableFuture.completedFuture(chatrooms.userChatroom(text(req))
                .map(u -> (u.chatroomId() + "\n" + u.clientId() + "\n" + u.platform()).getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0])));
        calls.serve(EXPEL, req -> {
            String[] p = text(req).split("\n", -1);
            chatrooms.rooms().forget(p[0]);
            if (p[1].isEmpty()) {
                chatrooms.expelHere(p[0], null);
            } else {
                chatrooms.expel(p[1], p[0], Integer.parseInt(p[2]));
            }
            return CompletableFuture.completedFuture(new byte[0]);
        });
    }

    @Override
    public void send(String chatroomId, Message message) {
        byte[] envelope = NodeEnvelope.newBuilder().addChatrooms(ChatroomEntry.newBuilder()
                .setChatroomId(chatroomId).setMessage(message.toByteString())).build().toByteArray();
        try {
            outbound.execute(() -> {
                for (int node : others()) {
                    try {
                        link.send(node, envelope);
                    } catch (RuntimeException e) {
                        log.warn("chatroom message not sent to node {}: {}", node, e.toString());
                    }
                }
            });
        } catch (RejectedExecutionException full) {
            log.warn("outbound queue full: a message of chatroom {} reaches this node's members only", chatroomId);
        }
    }

    private void received(byte[] bytes) {
        NodeEnvelope envelope;
        try {
            envelope = NodeEnvelope.parseFrom(bytes);
            for (ChatroomEntry e : envelope.getChatroomsList()) {
                chatrooms.publish(e.getChatroomId(), Message.parseFrom(e.getMessage()));
            }
        } catch (InvalidProtocolBufferException e) {
            log.warn("dropping an unreadable chatroom envelope: {}", e.getMessage());
        }
    }

    /** The room's members on the other nodes. */
    public CompletableFuture<List<String>> members(String chatroomId) {
        return askAll(MEMBERS, chatroomId).thenApply(answers -> {
            List<String> out = new ArrayList<>();
            for (String a : answers) {
                if (!a.isEmpty()) {
                    out.addAll(Arrays.asList(a.split("\n")));
                }
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<Optional<ChatroomService.UserChatroom>> where(String userId) {
        return askAll(WHERE, userId).thenApply(answers -> answers.stream().filter(a -> !a.isEmpty()).findFirst()
                .map(a -> {
                    String[] p = a.split("\n", -1);
                    return new ChatroomService.UserChatroom(userId, p[0], p[1], Integer.parseInt(p[2]));
                }));
    }

    @Override
    public void expel(String chatroomId, String userId, int why) {
        askAll(EXPEL, chatroomId + "\n" + (userId == null ? "" : userId) + "\n" + why);
    }

    private CompletableFuture<List<String>> askAll(String method, String request) {
        byte[] req = request.getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int node : others()) {
            answers.add(calls.call(node, method, req, TIMEOUT).thenApply(ChatroomCluster::text)
                    .exceptionally(e -> {
                        log.warn("node {} did not answer {}: {}", node, method, e.toString());
                        return "";
                    }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(v -> answers.stream().map(CompletableFuture::join).toList());
    }

    private List<Integer> others() {
        return membership.liveNodes().stream().map(NodeInfo::nodeId).filter(n -> n != selfId).toList();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
