package io.hearth.server.message;

import java.util.List;

/**
 * What a {@link ConversationPolicy} decided for a send: the users whose timelines get it (besides the sender's own)
 * and whether it is stored or only handed to the sessions online now.
 */
public record SendPlan(List<String> receivers, boolean stored) {

    public SendPlan {
        receivers = List.copyOf(receivers);
    }
}
