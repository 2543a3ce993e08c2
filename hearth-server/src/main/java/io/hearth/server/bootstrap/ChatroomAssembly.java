package io.hearth.server.bootstrap;

import io.hearth.server.admin.ChatroomActions;
import io.hearth.server.chatroom.ChatroomCluster;
import io.hearth.server.chatroom.ChatroomDirectory;
import io.hearth.server.chatroom.ChatroomMethods;
import io.hearth.server.chatroom.ChatroomModeration;
import io.hearth.server.chatroom.ChatroomPolicy;
import io.hearth.server.chatroom.ChatroomRelay;
import io.hearth.server.chatroom.ChatroomService;
import io.hearth.server.chatroom.ChatroomSweeper;
import io.hearth.server.chatroom.Rooms;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.storage.jdbc.JdbcChatroomStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Chatrooms: the stored rooms, this node's members and their queues (swept for idle members), the conversation
 * policy of type 2, pull type 1, the client RPCs and {@code /admin/chatroom/*}. Before {@link MessageAssembly#messages},
 * which takes the policies and the pull types. Hand wiring, no container.
 */
final class ChatroomAssembly {

    /** Pull type of a chatroom member's queue. */
    static final int PULL_TYPE = 1;
    /** Room messages for other nodes that may wait for the outbound thread. */
    private static final int OUTBOUND_QUEUE = 10_000;

    private ChatroomAssembly() {
    }

    static ChatroomService chatrooms(Core core, Nodes nodes, Entries entries) {
        var config = core.config().chatrooms();
        Rooms rooms = new Rooms(new JdbcChatroomStore(core.db()), core.blocking());
        // members are this node's connections: their notices go to this node's sessions only
        ChatroomService chatrooms = new ChatroomService(rooms, nodes.registry(), config, core.clock(), core.metrics());
        core.keep(new ChatroomSweeper(chatrooms));
        ChatroomCluster cluster = nodes.cluster() == null ? null : new ChatroomCluster(chatrooms, nodes.membership(),
                nodes.cluster(), nodes.cluster(), core.config().nodeId(),
                core.keep(new BlockingExecutor("hearth-chatroom-out", 1, OUTBOUND_QUEUE)));
        if (cluster != null) {
            chatrooms.elsewhere(cluster);
        }
        ChatroomRelay relay = new ChatroomRelay(chatrooms, cluster == null ? ChatroomRelay.Remote.NONE : cluster);
        entries.policies.add(new ChatroomPolicy(chatrooms, relay, config.rejoinWhenActive(), core.clock()));
        entries.memoryPulls.put(PULL_TYPE, chatrooms::pull);
        ChatroomDirectory directory = cluster == null
                ? new ChatroomDirectory(chatrooms, id -> CompletableFuture.completedFuture(List.of()),
                        user -> CompletableFuture.completedFuture(Optional.empty()))
                : new ChatroomDirectory(chatrooms, cluster::members, cluster::where);
        ChatroomMethods.register(entries.rpc, chatrooms, directory);
        ChatroomModeration.Expel expel = cluster == null ? chatrooms::expelHere : (room, user) -> {
            chatrooms.expelHere(room, user);
            cluster.expel(room, user, ChatroomService.LEFT_BANNED);
        };
        entries.admin.add(new ChatroomActions(directory, new ChatroomModeration(rooms, expel, core.clock()),
                core.clock()));
        return chatrooms;
    }
}
