package io.hearth.client;

import io.hearth.protocol.Platforms;
import io.hearth.protocol.Topics;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The validated, immutable settings of one {@link HearthClient}, built by {@link HearthClientBuilder}. Exactly one of
 * {@code routeUrl} and {@code directHost} is set.
 *
 * @param routeUrl         base URL of the route API ({@code <routeUrl>/route}), or null when direct
 * @param directHost       MQTT host to connect to without a route call, or null
 * @param directPort       the TCP or WebSocket port of {@code directHost}
 * @param keepAliveSeconds MQTT keep alive; a PINGREQ goes out after this many seconds without a write; 0 disables
 * @param lastSeq          the last timeline seq the application already has
 * @param eventLoopGroup   a shared NIO group, or null for a private single-thread group the client shuts down
 * @param requestTimeout   how long an RPC waits for its reply before failing with 249
 * @param maxPacketBytes   the largest MQTT packet (and WebSocket frame) the client accepts
 * @param tls              TLS for every leg (HTTPS route, MQTT over TLS, WSS) with host-name checks, or null for plain
 * @param superGroupSeqs   the last seq the application already has of each super group's shared timeline
 * @param followSuperGroups whether the client keeps its super groups in step (one {@code session.info} per connect)
 */
public record ClientConfig(
        URI routeUrl,
        String directHost,
        int directPort,
        String userId,
        String clientId,
        String token,
        int platform,
        Transport transport,
        int keepAliveSeconds,
        long lastSeq,
        HearthListener listener,
        boolean reconnect,
        Duration backoffMin,
        Duration backoffMax,
        EventLoopGroup eventLoopGroup,
        Duration requestTimeout,
        int maxPacketBytes,
        SSLContext tls,
        java.util.Map<String, Long> superGroupSeqs,
        boolean followSuperGroups) {

    public ClientConfig {
        if ((routeUrl == null) == (directHost == null)) {
            throw new IllegalArgumentException("set exactly one of routeUrl and directAddress");
        }
        if (directHost != null && (directPort <= 0 || directPort > 65535)) {
            throw new IllegalArgumentException("directAddress port out of range: " + directPort);
        }
        requireText(userId, "userId");
        requireText(clientId, "clientId");
        requireText(token, "token");
        if (!Platforms.isValid(platform)) {
            throw new IllegalArgumentException("unknown platform: " + platform);
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(listener, "listener");
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keepAliveSeconds must be 0..65535: " + keepAliveSeconds);
        }
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must be >= 0: " + lastSeq);
        }
        requirePositive(backoffMin, "backoff min");
        requirePositive(backoffMax, "backoff max");
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoff max < min");
        }
        requirePositive(requestTimeout, "requestTimeout");
        if (maxPacketBytes < 1024) {
            throw new IllegalArgumentException("maxPacketBytes must be >= 1024: " + maxPacketBytes);
        }
        superGroupSeqs = java.util.Map.copyOf(superGroupSeqs);
        if (superGroupSeqs.values().stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("super group seqs must be >= 0: " + superGroupSeqs);
        }
    }

    /** Whether the client skips the route call. */
    public boolean direct() {
        return routeUrl == null;
    }

    /** The MQTT 5 Response Topic of this client's requests: {@code u/<userId>/reply/sdk}. */
    public String replyTopic() {
        return Topics.reply(userId, "sdk");
    }

    /** The subscription of the protobuf pushes: {@code u/<userId>/push/#}. */
    public String pushFilter() {
        return Topics.namespace(userId) + "push/#";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
