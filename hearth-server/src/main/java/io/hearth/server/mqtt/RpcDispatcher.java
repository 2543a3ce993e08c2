package io.hearth.server.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hearth.protocol.Status;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.common.StatusException;
import io.hearth.server.common.ThrottledLog;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.rpc.RpcRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttReasonCodes.PubAck;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Turns a client PUBLISH into an RPC call and its {@code Reply} into a PUBLISH on the reply topic (MQTT 5 Response
 * Topic, or {@code u/<userId>/reply/<requestId>}), then PUBACKs QoS 1 requests once the call has completed.
 * Called on the connection's event loop; replies may be written from the thread that completes the call. Each call
 * is counted in the connection's {@link InFlight} from the PUBLISH until its reply is written, so a drain waits
 * for it.
 */
final class RpcDispatcher {

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(RpcDispatcher.class), 10,
            TimeUnit.SECONDS);
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

    private final Map<String, RpcMethod> methods;
    private final SlowConsumers slowConsumers;
    private final Map<String, Timer> timers = new HashMap<>();

    /** Each method's latency, from the PUBLISH being read to its reply being written, goes to {@code hearth.rpc}. */
    RpcDispatcher(Map<String, RpcMethod> methods, SlowConsumers slowConsumers, MeterRegistry meters) {
        this.methods = methods;
        this.slowConsumers = slowConsumers;
        for (String m : methods.keySet()) {
            timers.put(m, Timer.builder("hearth.rpc").tag("method", m).publishPercentiles(0.5, 0.99)
                    .register(meters));
        }
    }

    void onPublish(Connection c, MqttPublishMessage msg) {
        String topic = msg.variableHeader().topicName();
        int packetId = msg.variableHeader().packetId();
        boolean qos1 = msg.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE;
        if (!TopicAcl.mayPublish(c.userId(), topic)) {
            refusePublish(c, packetId, qos1, "publish to " + topic + " not allowed");
            return;
        }
        if (!topic.startsWith(Topics.RPC_PREFIX)) {
            if (qos1) {
                puback(c, packetId, PubAck.SUCCESS);
            }
            return;
        }
        MqttProperties props = msg.variableHeader().properties();
        String[] levels = topic.substring(Topics.RPC_PREFIX.length()).split("/", -1);
        int first = levels[0].equals(Topics.JSON_LEVEL) ? 1 : 0;
        boolean json = first == 1 || Topics.JSON_CONTENT_TYPE.equals(stringProp(props,
                MqttProperties.MqttPropertyType.CONTENT_TYPE));
        String method = levels.length > first ? levels[first] : "";
        String requestId = levels.length > first + 1 ? levels[first + 1] : null;
        String responseTopic = stringProp(props, MqttProperties.MqttPropertyType.RESPONSE_TOPIC);
        byte[] correlation = binaryProp(props);
        if (responseTopic != null && !responseTopic.startsWith(Topics.namespace(c.userId()))) {
            refusePublish(c, packetId, qos1, "response topic outside u/" + c.userId() + "/");
            return;
        }
        String replyTopic = responseTopic != null ? responseTopic
                : requestId != null && !requestId.isEmpty() ? Topics.reply(c.userId(), requestId) : null;
        RpcRequest request = new RpcRequest(method, ByteBufUtil.getBytes(msg.content()), json);
        RpcMethod.Caller caller = new RpcMethod.Caller(c.userId(), c.clientId(), c.platform());
        long started = System.nanoTime();
        c.inFlight().started();
        c.updateReading();
        call(method, caller, request).whenComplete((reply, error) -> {
            Timer timer = timers.get(method);
            if (timer != null) {
                timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
            // a method may answer a code with its result (message.pull's 26 carries where to go on)
            Reply r = error == null ? reply.getCode() != 0 ? reply : reply.toBuilder().setMsg(Status.SUCCESS.message()).build() : Reply.newBuilder().setCode(StatusException.statusOf(error).code())
                    .setMsg(StatusException.messageOf(error)).build();
            if (error != null && StatusException.statusOf(error) == Status.SERVER_ERROR) {
                log.warn(method, "{} {} failed", c, method, error);
            }
            if (!slowConsumers.mayReply(c)) {
                return;
            }
            if (replyTopic != null) {
                c.channel().writeAndFlush(MqttReplies.publish(replyTopic, encode(r, json), MqttReplies
                        .contentProperties(json ? Topics.JSON_CONTENT_TYPE : Topics.PROTOBUF_CONTENT_TYPE, correlation)));
            }
            if (qos1) {
                puback(c, packetId, r.getCode() == 0 ? PubAck.SUCCESS
                        : r.getCode() == Status.OVER_FREQUENCY.code() ? PubAck.QUOTA_EXCEEDED
                        : PubAck.UNSPECIFIED_ERROR);
            }
        }).whenComplete((written, failed) -> {
            c.inFlight().finished(); // after the reply, even if writing it threw
            c.channel().eventLoop().execute(c::updateReading);
        });
    }

    private CompletableFuture<Reply> call(String method, RpcMethod.Caller caller, RpcRequest request) {
        RpcMethod m = methods.get(method);
        if (m == null) {
            return CompletableFuture.failedFuture(new StatusException(Status.NOT_IMPLEMENT, "unknown method " + method));
        }
        try {
            return m.call(caller, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[] encode(Reply r, boolean json) {
        if (!json) {
            return r.toByteArray();
        }
        try {
            return JSON.print(r).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("reply not printable as JSON", e);
        }
    }

    private static void refusePublish(Connection c, int packetId, boolean qos1, String reason) {
        if (c.isMqtt5()) {
            if (qos1) {
                puback(c, packetId, PubAck.NOT_AUTHORIZED);
            }
        } else {
            Disconnector.disconnect(c, Disconnect.NOT_AUTHORIZED, reason);
        }
    }

    private static void puback(Connection c, int packetId, PubAck reason) {
        c.channel().writeAndFlush(MqttMessageBuilders.pubAck().packetId(packetId).reasonCode(reason.byteValue())
                .build());
    }

    private static String stringProp(MqttProperties props, MqttProperties.MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : (String) p.value();
    }

    private static byte[] binaryProp(MqttProperties props) {
        MqttProperties.MqttProperty<?> p = props.getProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value());
        return p == null ? null : (byte[]) p.value();
    }
}
