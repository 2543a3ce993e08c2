package io.hearth.client;

import io.hearth.protocol.Platforms;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Collects the settings of a {@link HearthClient}; obtain one with {@link HearthClient#builder()}. Not thread-safe.
 * Each {@link #build()} validates the settings and creates a new, unconnected client.
 */
public final class HearthClientBuilder {

    private URI routeUrl;
    private String directHost;
    private int directPort;
    private String userId;
    private String clientId;
    private String token;
    private int platform = Platforms.UNSET;
    private Transport transport = Transport.TCP;
    private int keepAliveSeconds = 180;
    private long lastSeq;
    private java.util.Map<String, Long> superGroupSeqs = java.util.Map.of();
    private boolean followSuperGroups = true;
    private HearthListener listener = new HearthListener() { };
    private boolean reconnect = true;
    private Duration backoffMin = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofSeconds(10);
    private EventLoopGroup eventLoopGroup;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxPacketBytes = 4 * 1024 * 1024;
    private SSLContext tls;

    HearthClientBuilder() {
    }

    /** Base URL of the route API; the client POSTs {@code <routeUrl>/route} before every (re)connect. */
    public HearthClientBuilder routeUrl(URI routeUrl) {
        this.routeUrl = routeUrl;
        return this;
    }

    /** Connect straight to this MQTT host and port (TCP or WebSocket port per {@link #transport}), no route call. */
    public HearthClientBuilder directAddress(String host, int port) {
        this.directHost = host;
        this.directPort = port;
        return this;
    }

    public HearthClientBuilder userId(String userId) {
        this.userId = userId;
        return this;
    }

    public HearthClientBuilder clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    /** The token from the server API ({@code /admin/user/get_token}), bound to user id, client id and platform. */
    public HearthClientBuilder token(String token) {
        this.token = token;
        return this;
    }

    /** One of {@link Platforms}. */
    public HearthClientBuilder platform(int platform) {
        this.platform = platform;
        return this;
    }

    /** {@link Transport#TCP} (default) or {@link Transport#WEBSOCKET}. */
    public HearthClientBuilder transport(Transport transport) {
        this.transport = transport;
        return this;
    }

    /** MQTT keep alive (default 180 s); 0 disables pings and the server's idle check. */
    public HearthClientBuilder keepAliveSeconds(int keepAliveSeconds) {
        this.keepAliveSeconds = keepAliveSeconds;
        return this;
    }

    /**
     * The last seq the application already has of each super group's shared timeline (persist
     * {@link HearthClient#superGroupSeqs()}); default none: a group is read from where the user may start.
     */
    public HearthClientBuilder superGroupSeqs(java.util.Map<String, Long> seqs) {
        this.superGroupSeqs = seqs;
        return this;
    }

    /**
     * Whether the client keeps the user's super groups in step by itself (default true): after each connect it asks
     * {@code session.info} for their heads and pulls what is new, and it pulls on each {@code group_message}
     * notice. Off, the application pulls super groups itself ({@link HearthClient#pullSuperGroup}).
     */
    public HearthClientBuilder followSuperGroups(boolean follow) {
        this.followSuperGroups = follow;
        return this;
    }

    /** The last timeline seq the application already has (persist {@link HearthClient#lastSeq()}); default 0. */
    public HearthClientBuilder lastSeq(long lastSeq) {
        this.lastSeq = lastSeq;
        return this;
    }

    public HearthClientBuilder listener(HearthListener listener) {
        this.listener = listener;
        return this;
    }

    /** Whether to reconnect after losing an established session (default true). */
    public HearthClientBuilder reconnect(boolean reconnect) {
        this.reconnect = reconnect;
        return this;
    }

    /** Reconnect delays: exponential from {@code min} up to {@code max}, with jitter (default 200 ms to 10 s). */
    public HearthClientBuilder backoff(Duration min, Duration max) {
        this.backoffMin = min;
        this.backoffMax = max;
        return this;
    }

    /**
     * A shared NIO event loop group (e.g. {@code new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())}); the
     * client pins itself to one of its loops and never shuts the group down. Default: a private one-thread group.
     */
    public HearthClientBuilder eventLoopGroup(EventLoopGroup eventLoopGroup) {
        this.eventLoopGroup = eventLoopGroup;
        return this;
    }

    /** How long an RPC waits for its reply before failing with code 249 (default 10 s). */
    public HearthClientBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return this;
    }

    /** The largest MQTT packet the client accepts (default 4 MiB). */
    public HearthClientBuilder maxPacketBytes(int maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
        return this;
    }

    /** Validates the settings and creates the client (not connected yet: call {@link HearthClient#connect()}). */
    public HearthClient build() {
        return new HearthClient(config());
    }

    /**
     * Speaks TLS on every leg: the route over HTTPS (give an {@code https://} route URL), MQTT over TLS on the route's
     * {@code sslPort} for {@link Transport#TCP}, WSS on {@code wssPort} for {@link Transport#WEBSOCKET}. The server's
     * certificate is verified with {@code context}'s trust managers and must name the host connected to.
     */
    public HearthClientBuilder tls(SSLContext context) {
        this.tls = context;
        return this;
    }

    /** {@link #tls(SSLContext)} with the JVM's default trust store. */
    public HearthClientBuilder tls() {
        try {
            return tls(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    ClientConfig config() {
        return new ClientConfig(routeUrl, directHost, directPort, userId, clientId, token, platform, transport,
                keepAliveSeconds, lastSeq, listener, reconnect, backoffMin, backoffMax, eventLoopGroup, requestTimeout,
                maxPacketBytes, tls, superGroupSeqs, followSuperGroups);
    }
}
