package io.hearth.server.message;

/**
 * What happened to a stored message after it was sent ({@code Message.state} on the wire, {@code messages.state}
 * in the store), and the content types of the reference that mark a changed message.
 */
public final class MessageStates {

    public static final int SENT = 0;
    public static final int RECALLED = 1;
    public static final int EDITED = 2;
    public static final int DELETED = 3;

    /** The reference's recall notification content: what a recalled message's content becomes. */
    public static final int RECALL_CONTENT_TYPE = 80;
    /** The reference's delete content: what a message deleted everywhere becomes, and a copy deleted by its owner. */
    public static final int DELETE_CONTENT_TYPE = 81;

    private MessageStates() {
    }

    /** A bit mask of states, for {@link TimelineWriter#change}: the states a change may be applied to. */
    public static int mask(int... states) {
        int m = 0;
        for (int s : states) {
            m |= 1 << s;
        }
        return m;
    }
}
