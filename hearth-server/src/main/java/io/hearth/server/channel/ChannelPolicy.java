package io.hearth.server.channel;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ChangePlan;
import io.hearth.server.message.ConversationPolicy;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.Send;
import io.hearth.server.message.SendPlan;
import io.hearth.server.message.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Channel sends (conversation type 3): the owner's (or the server API's) message goes to the subscribers, or to
 * those of them named in {@code to_users} (a non-subscriber only when the channel's state has 0x08, else 248); a
 * subscriber's message goes to the owner alone; anyone else is refused with 21. A global channel (state 0x80, to
 * every user) is not supported yet (254). Subscriptions are read from the store on every send.
 */
public final class ChannelPolicy implements ConversationPolicy {

    private final ChannelStore store;
    private final BlockingExecutor blocking;

    public ChannelPolicy(ChannelStore store, BlockingExecutor blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public int type() {
        return ConversationTypes.CHANNEL;
    }

    @Override
    public CompletableFuture<SendPlan> plan(Send send) {
        return blocking.supply(() -> {
            ChannelInfo c = channel(send.target());
            boolean stored = send.persistFlag() != ConversationTypes.TRANSPARENT;
            if (send.sender().equals(c.owner()) || send.origin() == Send.Origin.SERVER_API) {
                return new SendPlan(send, toSubscribers(c, send), stored);
            }
            if (!store.subscribed(c.channelId(), send.sender())) {
                throw new StatusException(Status.NOT_IN_CHANNEL, send.sender() + " is not a subscriber of channel "
                        + c.channelId());
            }
            return new SendPlan(send, List.of(c.owner()), stored);
        });
    }

    private List<String> toSubscribers(ChannelInfo c, Send send) {
        List<String> subscribers = store.subscribers(c.channelId());
        List<String> named = send.request().getToUsersList();
        if (named.isEmpty()) {
            List<String> out = new ArrayList<>(subscribers);
            out.remove(send.sender());
            return out;
        }
        for (String u : named) {
            if (!subscribers.contains(u) && (c.state() & ChannelInfo.MESSAGE_NON_SUBSCRIBERS) == 0) {
                throw new StatusException(Status.NOT_RIGHT, "User " + u + " not in channel");
            }
        }
        return named.stream().filter(u -> !u.equals(send.sender())).distinct().toList();
    }

    @Override
    public CompletableFuture<ChangePlan> planChange(StoredMessage message, String operator) {
        return blocking.supply(() -> {
            ChannelInfo c = store.find(message.conversation().getTarget()).orElse(null);
            if (c == null) {
                return new ChangePlan(List.of(), null, ChangePlan.Standing.NONE, ChangePlan.Standing.NONE);
            }
            boolean fromOwner = message.sender().equals(c.owner());
            List<String> receivers = fromOwner ? (message.toUsers().isEmpty() ? store.subscribers(c.channelId())
                    : message.toUsers()) : List.of(c.owner());
            return new ChangePlan(receivers.stream().filter(r -> !r.equals(message.sender())).toList(), null,
                    operator.equals(c.owner()) ? ChangePlan.Standing.OWNER : ChangePlan.Standing.MEMBER,
                    fromOwner ? ChangePlan.Standing.OWNER : ChangePlan.Standing.MEMBER);
        });
    }

    private ChannelInfo channel(String id) {
        ChannelInfo c = store.find(id)
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "channel " + id + " not exist"));
        if ((c.state() & ChannelInfo.GLOBAL) != 0) {
            throw new StatusException(Status.NOT_IMPLEMENT, "global channels (state 0x80) are not supported yet");
        }
        return c;
    }
}
