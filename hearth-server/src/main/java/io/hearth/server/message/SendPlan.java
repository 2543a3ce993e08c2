package io.hearth.server.message;

import java.util.List;

/**
 * What a {@link ConversationPolicy} decided for a send: the send as its checks left it (content replaced, or
 * dropped), the users whose timelines get it (besides the sender's own; none when dropped), whether it is stored
 * or only handed to the sessions online now, and the shared timeline it goes to (read diffusion, a super group's
 * id), or null. A message with a shared timeline is stored there once and in none of its members' timelines, not
 * even the sender's; {@code receivers} then are users outside the shared timeline who must get it in their own
 * (the members a group notification removes).
 */
public record SendPlan(Send send, List<String> receivers, boolean stored, String sharedTimeline) {

    public SendPlan {
        receivers = send.dropped() ? List.of() : List.copyOf(receivers);
        sharedTimeline = send.dropped() ? null : sharedTimeline;
    }

    /** Write diffusion only: the sender's and the receivers' timelines. */
    public SendPlan(Send send, List<String> receivers, boolean stored) {
        this(send, receivers, stored, null);
    }
}
