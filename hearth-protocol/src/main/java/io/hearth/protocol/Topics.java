package io.hearth.protocol;

/**
 * Topic names of the client protocol. A client publishes requests under {@code rpc/} and may subscribe only inside
 * its own namespace {@code u/<userId>/}. See docs/protocol.md for the full convention.
 */
public final class Topics {

    /** Prefix of every request topic: {@code rpc/<method>} or {@code rpc/<method>/<requestId>}. */
    public static final String RPC_PREFIX = "rpc/";
    /** Level after {@code rpc/} that asks for proto3 JSON instead of protobuf: {@code rpc/json/<method>}. */
    public static final String JSON_LEVEL = "json";
    /** Content type (MQTT 5) that asks for proto3 JSON. */
    public static final String JSON_CONTENT_TYPE = "application/json";
    /** Content type (MQTT 5) of protobuf payloads. */
    public static final String PROTOBUF_CONTENT_TYPE = "application/x-protobuf";

    /** Push: new timeline entries ({@code MessagePush}). */
    public static final String PUSH_MESSAGE = "push/message";
    /** Push: this session was kicked or taken over ({@code KickPush}). */
    public static final String PUSH_KICK = "push/kick";

    /** Push: something of the user's changed; pull it since the version given ({@code Notice}, kinds in {@link NoticeKinds}). */
    public static final String PUSH_NOTICE = "push/notice";

    /** Every push kind; a connection's subscriptions are matched against these when it subscribes. */
    public static final java.util.List<String> PUSH_KINDS = java.util.List.of(PUSH_MESSAGE, PUSH_KICK, PUSH_NOTICE);

    private Topics() {
    }

    /** {@code u/<userId>/}: the namespace a client may subscribe in. */
    public static String namespace(String userId) {
        return "u/" + userId + "/";
    }

    /** The protobuf topic of a push kind, e.g. {@code u/alice/push/message}. */
    public static String push(String userId, String kind) {
        return namespace(userId) + kind;
    }

    /** The proto3 JSON topic of a push kind, e.g. {@code u/alice/json/push/message}. */
    public static String jsonPush(String userId, String kind) {
        return namespace(userId) + JSON_LEVEL + "/" + kind;
    }

    /** The reply topic of the MQTT 3.1.1 convention: {@code u/<userId>/reply/<requestId>}. */
    public static String reply(String userId, String requestId) {
        return namespace(userId) + "reply/" + requestId;
    }

    /** The request topic of a method: {@code rpc/<method>}. */
    public static String request(String method) {
        return RPC_PREFIX + method;
    }

    /** The request topic of the MQTT 3.1.1 convention: {@code rpc/<method>/<requestId>}. */
    public static String request(String method, String requestId) {
        return RPC_PREFIX + method + "/" + requestId;
    }
}
