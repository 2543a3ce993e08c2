package io.hearth.server.mqtt;

import io.hearth.server.config.HearthConfig;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the server knows about one MQTT connection, kept as a channel attribute. Identity fields are set
 * once at CONNECT; {@link #state} moves CONNECTING → ACTIVE → CLOSING (or TAKEN_OVER) and every close goes
 * through {@link Disconnector}. Subscriptions change on the event loop and are read by the threads that push; the
 * outbound state (pushes queued, the head left for a pull) is kept by {@link PushWriter}.
 */
public final class Connection {

    static final AttributeKey<Connection> KEY = AttributeKey.valueOf("hearth.connection");

    /** Lifecycle of a connection. */
    public enum State { CONNECTING, ACTIVE, TAKEN_OVER, CLOSING }

    private final Channel channel;
    private final InFlight inFlight = new InFlight();
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private final AtomicInteger queuedPushes = new AtomicInteger();
    private volatile int maxInflight = Integer.MAX_VALUE;
    private final AtomicLong deferredHead = new AtomicLong();
    private final AtomicLong unwritableSince = new AtomicLong();
    private volatile Subscriptions subscriptions = new Subscriptions("", 0);
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

    void authenticated(String userId, String clientId, int platform, MqttVersion version,
                       HearthConfig.Connections limits) {
        this.subscriptions = new Subscriptions(userId, limits.maxSubscriptions());
        this.maxInflight = limits.maxInflight();
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

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * Reads the connection only while it takes what it is sent (its channel is writable), has fewer than
     * {@code mqtt.max_inflight_requests} requests in flight, and is not being redirected by a drain. Event loop.
     */
    void updateReading() {
        boolean want = channel.isWritable() && inFlight.count() < maxInflight && !inFlight.redirecting();
        if (channel.config().isAutoRead() != want) {
            channel.config().setAutoRead(want);
        }
    }

    /** Pushes written to the channel and not yet taken by its socket. */
    int queuedPushes() {
        return queuedPushes.get();
    }

    void pushQueued() {
        queuedPushes.incrementAndGet();
    }

    /** A queued push was written out (or failed); returns how many are still queued. */
    int pushWritten() {
        return queuedPushes.decrementAndGet();
    }

    /** The newest seq this connection was not pushed and must pull up to; 0 when it was pushed everything. */
    long deferredHead() {
        return deferredHead.get();
    }

    void deferUpTo(long head) {
        deferredHead.accumulateAndGet(head, Math::max);
    }

    /** Clears the deferred head; true when there was one (the caller then tells the client to pull). */
    boolean caughtUp() {
        return deferredHead.getAndSet(0) > 0;
    }

    /** Marks the channel unwritable from now; returns the mark a later check compares with. */
    long markUnwritable(long nanos) {
        unwritableSince.set(nanos);
        return nanos;
    }

    /** The mark of the current unwritable spell, 0 when writable. */
    long unwritableSince() {
        return unwritableSince.get();
    }

    void markWritable() {
        unwritableSince.set(0);
    }

    @Override
    public String toString() {
        return "conn[" + userId + "/" + clientId + " " + channel.remoteAddress() + "]";
    }
}
