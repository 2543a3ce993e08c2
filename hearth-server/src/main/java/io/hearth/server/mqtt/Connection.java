package io.hearth.server.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the server knows about one MQTT connection, kept as a channel attribute. Identity fields are set
 * once at CONNECT; {@link #state} moves CONNECTING → ACTIVE → CLOSING (or TAKEN_OVER) and every close goes
 * through {@link Disconnector}. Subscriptions are read by the writer thread when it pushes, hence concurrent.
 */
public final class Connection {

    static final AttributeKey<Connection> KEY = AttributeKey.valueOf("hearth.connection");

    /** Lifecycle of a connection. */
    public enum State { CONNECTING, ACTIVE, TAKEN_OVER, CLOSING }

    private final Channel channel;
    private final InFlight inFlight = new InFlight();
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile String userId;
    private volatile String clientId;
    private volatile int platform;
    private volatile MqttVersion version = MqttVersion.MQTT_3_1_1;
    private volatile boolean webSocket;
    private volatile boolean secure;

    Connection(Channel channel) {
        this.channel = channel;
    }

    public static Connection of(Channel channel) {
        Connection c = channel.attr(KEY).get();
        if (c == null) {
            c = new Connection(channel);
            Connection raced = channel.attr(KEY).setIfAbsent(c);
            if (raced != null) {
                c = raced;
            }
        }
        return c;
    }

    void authenticated(String userId, String clientId, int platform, MqttVersion version) {
        this.userId = userId;
        this.clientId = clientId;
        this.platform = platform;
        this.version = version;
    }

    /** Set at CONNECT when the connection came over WebSocket (a redirect then names the ws port). */
    void webSocket(boolean overWebSocket) {
        this.webSocket = overWebSocket;
    }

    /** Whether the client came over WebSocket rather than plain TCP. */
    public boolean webSocket() {
        return webSocket;
    }

    /** Set at CONNECT when this node terminates TLS for the connection (ssl_port, secure_websocket_port). */
    void secure(boolean overTls) {
        this.secure = overTls;
    }

    /** Whether the connection is TLS to this node (a redirect then names the TLS port of that transport). */
    public boolean secure() {
        return secure;
    }

    void version(MqttVersion version) {
        this.version = version;
    }

    boolean moveTo(State from, State to) {
        return state.compareAndSet(from, to);
    }

    /** Marks the connection as closing; false when it already was closing or taken over. */
    boolean closing() {
        State s = state.get();
        while (s == State.CONNECTING || s == State.ACTIVE) {
            if (state.compareAndSet(s, State.CLOSING)) {
                return true;
            }
            s = state.get();
        }
        return false;
    }

    public State state() {
        return state.get();
    }

    public Channel channel() {
        return channel;
    }

    /** The RPCs read from this connection and not answered yet. */
    InFlight inFlight() {
        return inFlight;
    }

    public String userId() {
        return userId;
    }

    public String clientId() {
        return clientId;
    }

    public int platform() {
        return platform;
    }

    public MqttVersion version() {
        return version;
    }

    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    @Override
    public String toString() {
        return "conn[" + userId + "/" + clientId + " " + channel.remoteAddress() + "]";
    }
}
