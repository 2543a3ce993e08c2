package io.hearth.server.chatroom;

import io.hearth.protocol.pb.Message;
import io.hearth.server.message.StoredMessage;
import java.util.function.Consumer;

/**
 * Where a chatroom message goes once it has its uid: the room's members on this node, and (in a cluster) every
 * other node once, whatever the number of members there. On the sender's thread; must not block.
 */
public final class ChatroomRelay implements Consumer<StoredMessage> {

    /** Carries a room's message to the other nodes; {@link #NONE} on a single node. */
    public interface Remote {
        void send(String chatroomId, Message message);

        Remote NONE = (chatroomId, message) -> { };
    }

    private final ChatroomService chatrooms;
    private final Remote remote;

    public ChatroomRelay(ChatroomService chatrooms, Remote remote) {
        this.chatrooms = chatrooms;
        this.remote = remote;
    }

    @Override
    public void accept(StoredMessage m) {
        Message view = m.view(m.conversation(), 0);
        String roomId = m.conversation().getTarget();
        chatrooms.publish(roomId, view);
        remote.send(roomId, view);
    }
}
