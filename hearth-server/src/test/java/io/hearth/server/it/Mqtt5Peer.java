package io.hearth.server.it;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A third-party MQTT 5 client (HiveMQ MQTT Client) logged in as one Hearth session. It knows only the documented
 * protocol: the topics, MQTT 5 Response Topic and Correlation Data, and the protobuf classes of hearth-protocol.
 */
final class Mqtt5Peer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final String userId;
    final String clientId;
    final Mqtt5AsyncClient client;
    private final ConcurrentLinkedQueue<Mqtt5Publish> inbox = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
    private Mqtt5ConnAck connAck;

    private Mqtt5Peer(int port, String userId, String clientId) {
        this(Mqtt5Client.builder().serverHost("127.0.0.1").serverPort(port), userId, clientId);
    }

    private Mqtt5Peer(Mqtt5ClientBuilder base, String userId, String clientId) {
        this.userId = userId;
        this.clientId = clientId;
        this.client = base.identifier(clientId)
                .addDisconnectedListener(ctx -> disconnected.complete(ctx.getCause()))
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
    }

    /**
     * Logs in over a transport the caller set up on {@code base} (host, port, TLS, WebSocket); fails the test when
     * refused.
     */
    static Mqtt5Peer connect(Mqtt5ClientBuilder base, String userId, String clientId, String token) {
        Mqtt5Peer p = new Mqtt5Peer(base, userId, clientId);
        p.connAck = p.tryConnect(token).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return p;
    }

    /** Logs in (CONNECT client id, user name = user id, password = token); fails the test when refused. */
    static Mqtt5Peer connect(int port, String userId, String clientId, String token) {
        Mqtt5Peer p = new Mqtt5Peer(port, userId, clientId);
        p.connAck = p.tryConnect(token).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return p;
    }

    /** A client that is not connected yet; {@link #tryConnect} sends the CONNECT. */
    static Mqtt5Peer create(int port, String userId, String clientId) {
        return new Mqtt5Peer(port, userId, clientId);
    }

    CompletableFuture<Mqtt5ConnAck> tryConnect(String token) {
        return client.connectWith().cleanStart(true).keepAlive(60)
                .simpleAuth().username(userId).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send();
    }

    Mqtt5ConnAck connAck() {
        return connAck;
    }

    /** Subscribes at QoS 0 and returns the SUBACK reason codes, also when the server refused every filter. */
    List<Mqtt5SubAckReasonCode> subscribe(String... filters) {
        List<Mqtt5Subscription> subs = Arrays.stream(filters)
                .map(f -> Mqtt5Subscription.builder().topicFilter(f).qos(MqttQos.AT_MOST_ONCE).build())
                .toList();
        Mqtt5Subscribe subscribe = Mqtt5Subscribe.builder().addSubscriptions(subs).build();
        try {
            Mqtt5SubAck ack = client.subscribe(subscribe).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            return ack.getReasonCodes();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Mqtt5SubAckException s) {
                return s.getMqttMessage().getReasonCodes();
            }
            throw e;
        }
    }

    /** Subscribes to {@code u/<userId>/push/#} and {@code u/<userId>/reply/#}. */
    Mqtt5Peer subscribeDefaults() {
        subscribe(Topics.namespace(userId) + "push/#", Topics.namespace(userId) + "reply/#");
        return this;
    }

    /**
     * Calls an RPC method with MQTT 5 request/response: PUBLISH QoS 1 on {@code rpc/<method>} with Response Topic
     * {@code u/<userId>/reply/x} and a fresh Correlation Data, and waits for the {@code Reply} with that correlation.
     */
    Reply call(String method, Message request) {
        return exchange(method, request).reply();
    }

    /** A request's {@code Reply} together with the reason code of the PUBACK that acknowledged the request. */
    record Exchange(Reply reply, Mqtt5PubAckReasonCode pubAck) {
    }

    /** Like {@link #call}, also returning the PUBACK reason code (0x00 success, 0x80 failure, ...). */
    Exchange exchange(String method, Message request) {
        RawExchange raw = callRaw(Topics.request(method), request.toByteArray(), null);
        try {
            return new Exchange(Reply.parseFrom(raw.reply().getPayloadAsBytes()), raw.pubAck());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("reply is not a Reply", e);
        }
    }

    /** The reply PUBLISH of a request and the PUBACK reason code of the request. */
    record RawExchange(Mqtt5Publish reply, Mqtt5PubAckReasonCode pubAck) {
    }

    /** Sends a request payload on {@code topic} with a Response Topic and Correlation Data; returns the reply. */
    RawExchange callRaw(String topic, byte[] payload, String contentType) {
        String replyTopic = Topics.namespace(userId) + "reply/x";
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        var b = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                .responseTopic(replyTopic).correlationData(correlation);
        if (contentType != null) {
            b = b.contentType(contentType);
        }
        Mqtt5PubAckReasonCode pubAck = b.send().handle((result, failure) -> {
            Throwable error = failure instanceof CompletionException ? failure.getCause() : failure;
            if (error instanceof Mqtt5PubAckException e) {
                return e.getMqttMessage().getReasonCode();
            }
            if (error != null) {
                throw new AssertionError("request not acknowledged", error);
            }
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        }).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        Mqtt5Publish reply = awaitPublish(p -> p.getTopic().toString().equals(replyTopic)
                && p.getCorrelationData().map(c -> Arrays.equals(bytes(c), correlation)).orElse(false));
        return new RawExchange(reply, pubAck);
    }

    /** Waits for (and takes) the first received PUBLISH on exactly this topic. */
    Mqtt5Publish awaitPublish(String topic) {
        return awaitPublish(p -> p.getTopic().toString().equals(topic));
    }

    Mqtt5Publish awaitPublish(Predicate<Mqtt5Publish> match) {
        Mqtt5Publish[] found = new Mqtt5Publish[1];
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(WAIT).until(() -> {
            for (Mqtt5Publish p : inbox) {
                if (match.test(p)) {
                    inbox.remove(p);
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** PUBLISHes received and not taken yet. */
    List<Mqtt5Publish> pending() {
        return List.copyOf(inbox);
    }

    /** Waits until the server closes the connection; returns its DISCONNECT packet when it sent one. */
    Optional<Mqtt5Disconnect> awaitDisconnected() {
        Throwable cause = disconnected.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return cause instanceof Mqtt5DisconnectException d ? Optional.of(d.getMqttMessage()) : Optional.empty();
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
