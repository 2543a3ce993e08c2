package io.hearth.server.message;

/** Conversation types and persist flags with the reference's numbers. */
public final class ConversationTypes {

    public static final int SINGLE = 0;
    public static final int GROUP = 1;
    public static final int CHATROOM = 2;
    public static final int CHANNEL = 3;

    public static final int PERSIST_NONE = 0;
    public static final int PERSIST = 1;
    public static final int PERSIST_AND_COUNT = 3;
    public static final int TRANSPARENT = 4;

    private ConversationTypes() {
    }
}
