package io.hearth.server.message;

import java.util.List;
import java.util.function.Consumer;

/**
 * What a {@link ConversationPolicy} decided for a send: the send as its checks left it (content replaced, or
 * dropped), the users whose timelines get it (besides the sender's own; none when dropped), whether it is stored
 * or only handed to the sessions online now, and the shared timeline it goes to (read diffusion, a super group's
 * id), or null. A message with a shared timeline is stored there once and in none of its members' timelines, not
 * even the sender's; {@code receivers} then are users outside the shared timeline who must get it in their own
 * (the members a group notification removes). {@code online}, when set, takes a message that is not stored instead
 * of the receivers' sessions (a chatroom's members' in-memory queues); it is called once, on the sender's thread,
 * with the message and its uid, and must not block.
 */
public record SendPlan(Send send, List<String> receivers, boolean stored, String sharedTimeline,
                       Consumer<StoredMessage> online) {

    public SendPlan {
        receivers = send.dropped() ? List.of() : List.copyOf(receivers);
        sharedTimeline = send.dropped() ? null : sharedTimeline;
    }

    public SendPlan(Send send, List<String> receivers, boolean stored, String sharedTimeline) {
        this(send, receivers, stored, sharedTimeline, null);
    }

    /** Not stored: the message goes to {@code online} only. */
    public static SendPlan onlineOnly(Send send, Consumer<StoredMessage> online) {
        return new SendPlan(send, List.of(), false, null, online);
    }

    /** Write diffusion only: the sender's and the receivers' timelines. */
    public SendPlan(Send send, List<String> receivers, boolean stored) {
        this(send, receivers, stored, null);
    }
}
