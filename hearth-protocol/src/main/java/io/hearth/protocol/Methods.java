package io.hearth.protocol;

/** RPC method names, the last level of {@code rpc/<method>}. Each names its request and result message. */
public final class Methods {

    /** {@code SendMessageRequest} to {@code SendMessageResult} (Reply.send). */
    public static final String MESSAGE_SEND = "message.send";
    /** {@code PullMessageRequest} to {@code PullMessageResult} (Reply.pull). */
    public static final String MESSAGE_PULL = "message.pull";
    /** {@code SessionInfoRequest} to {@code SessionInfoResult} (Reply.session). */
    public static final String SESSION_INFO = "session.info";

    private Methods() {
    }
}
