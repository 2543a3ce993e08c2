package io.hearth.server.message;

/**
 * Where a user's history of one conversation is read ({@link ConversationPolicy#historyScope}): its own timeline,
 * or a shared timeline (a super group's, read from the seq the member may read after).
 */
public record HistoryScope(String sharedTimeline) {

    /** The user's own timeline: the messages of the conversation that are in it. */
    public static final HistoryScope OWN = new HistoryScope(null);

    public static HistoryScope shared(String timelineId) {
        return new HistoryScope(timelineId);
    }

    public boolean isShared() {
        return sharedTimeline != null;
    }
}
