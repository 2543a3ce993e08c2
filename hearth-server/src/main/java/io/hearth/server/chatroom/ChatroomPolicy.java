package io.hearth.server.chatroom;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ChangePlan;
import io.hearth.server.message.ConversationPolicy;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.Send;
import io.hearth.server.message.SendPlan;
import io.hearth.server.message.StoredMessage;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Chatrooms (type 2): never stored, handed to the room's members' queues ({@link ChatroomRelay}: this node's and,
 * with one envelope per node, the other nodes'). A client must be in the room: one that is not (or no longer, idle)
 * joins it again when {@code chatroom.rejoin_when_active}, else 20; banned 245; muted, or the room muted and the
 * sender no manager, 241. The server API sends to any existing room (253 otherwise) without these checks.
 */
public final class ChatroomPolicy implements ConversationPolicy {

    private final ChatroomService chatrooms;
    private final Consumer<StoredMessage> relay;
    private final boolean rejoinWhenActive;
    private final Clock clock;

    public ChatroomPolicy(ChatroomService chatrooms, Consumer<StoredMessage> relay, boolean rejoinWhenActive,
                          Clock clock) {
        this.chatrooms = chatrooms;
        this.relay = relay;
        this.rejoinWhenActive = rejoinWhenActive;
        this.clock = clock;
    }

    @Override
    public int type() {
        return ConversationTypes.CHATROOM;
    }

    @Override
    public CompletableFuture<SendPlan> plan(Send send) {
        String roomId = send.target();
        return chatrooms.rooms().find(roomId).thenCompose(found -> {
            Room room = found.orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                    "chatroom " + roomId + " not exist"));
            if (send.origin() != Send.Origin.CLIENT) {
                return CompletableFuture.completedFuture(SendPlan.onlineOnly(send, relay));
            }
            String sender = send.sender();
            int state = room.stateOf(sender, clock.millis());
            if (state == BlackStatus.BANNED) {
                throw new StatusException(Status.USER_BLOCKED, sender + " is banned from chatroom " + roomId);
            }
            if (state == BlackStatus.MUTED || room.info().muteAll() && !room.manager(sender)) {
                throw new StatusException(Status.GROUP_MUTED, "chatroom " + roomId + " is muted for " + sender);
            }
            if (chatrooms.activeIn(sender, roomId)) {
                return CompletableFuture.completedFuture(SendPlan.onlineOnly(send, relay));
            }
            if (!rejoinWhenActive) {
                throw new StatusException(Status.NOT_IN_CHATROOM, sender + " is not in chatroom " + roomId);
            }
            return chatrooms.join(sender, send.fromClient(), 0, roomId)
                    .thenApply(head -> SendPlan.onlineOnly(send, relay));
        });
    }

    /** Chatroom messages are not stored, so there is nothing to recall, edit or delete. */
    @Override
    public CompletableFuture<ChangePlan> planChange(StoredMessage message, String operator) {
        return CompletableFuture.failedFuture(new StatusException(Status.NOT_EXIST,
                "chatroom messages are not stored"));
    }
}
