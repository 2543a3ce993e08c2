package io.hearth.server.message;

import java.util.List;

/**
 * Where a change of a stored message (recall, edit, deletion everywhere) goes, as its conversation's
 * {@link ConversationPolicy#planChange} finds it now: the users whose timelines get the change besides the sender's
 * ({@code receivers}), or the shared timeline that carries it ({@code sharedTimeline}, null for none); and where
 * the user making the change and the message's sender stand in the conversation, for the permission rules.
 */
public record ChangePlan(List<String> receivers, String sharedTimeline, Standing operator, Standing sender) {

    /** A user's place in the conversation of the message. */
    public enum Standing {
        /** Not (or no longer) in the conversation. */
        NONE,
        /** A participant: a single chat's side, a group's member. */
        MEMBER,
        MANAGER,
        OWNER
    }

    public ChangePlan {
        receivers = List.copyOf(receivers);
    }
}
