package io.hearth.server.message;

import java.util.List;

/**
 * What a {@link ConversationPolicy} decided for a send: the send as its checks left it (content replaced, or
 * dropped), the users whose timelines get it (besides the sender's own; none when dropped) and whether it is stored
 * or only handed to the sessions online now.
 */
public record SendPlan(Send send, List<String> receivers, boolean stored) {

    public SendPlan {
        receivers = send.dropped() ? List.of() : List.copyOf(receivers);
    }
}
