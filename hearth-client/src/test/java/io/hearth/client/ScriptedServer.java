package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * The server side of one client connection in a test: its own {@link MqttDecoder} and {@link MqttEncoder} on an
 * {@link EmbeddedChannel}, with bytes moved by hand between it and the client's channel. The decoder learns MQTT 5
 * from the client's CONNECT, so the encoder writes MQTT 5 properties.
 */
final class ScriptedServer {

    /** A request the client published, decoded. */
    record Request(String topic, String responseTopic, byte[] correlation, int packetId, MqttQoS qos, byte[] payload) {
    }

    final EmbeddedChannel client;
    private final EmbeddedChannel server = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);

    ScriptedServer(EmbeddedChannel client) {
        this.client = client;
    }

    /** The next packet the client wrote, or null. The caller releases it (or uses {@link #nextRequest}). */
    MqttMessage next() {
        ByteBuf bytes;
        while ((bytes = client.readOutbound()) != null) {
            server.writeInbound(bytes);
        }
        return server.readInbound();
    }

    MqttMessage nextOfType(MqttMessageType type) {
        MqttMessage m = next();
        assertThat(m).as("expected " + type).isNotNull();
        assertThat(m.fixedHeader().messageType()).isEqualTo(type);
        return m;
    }

    MqttConnectMessage expectConnect() {
        return (MqttConnectMessage) nextOfType(MqttMessageType.CONNECT);
    }

    Request nextRequest() {
        MqttPublishMessage p = (MqttPublishMessage) nextOfType(MqttMessageType.PUBLISH);
        try {
            MqttProperties props = p.variableHeader().properties();
            MqttProperties.MqttProperty<?> rt = props.getProperty(MqttProperties.RESPONSE_TOPIC);
            MqttProperties.MqttProperty<?> cd = props.getProperty(MqttProperties.CORRELATION_DATA);
            return new Request(p.variableHeader().topicName(), rt == null ? null : (String) rt.value(),
                    cd == null ? null : (byte[]) cd.value(), p.variableHeader().packetId(),
                    p.fixedHeader().qosLevel(), ByteBufUtil.getBytes(p.content()));
        } finally {
            ReferenceCountUtil.release(p);
        }
    }

    /** CONNECT, accepted CONNACK, SUBSCRIBE, SUBACK: the session is ready and the client starts its sync pull. */
    void acceptSession() {
        expectConnect();
        send(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .properties(new MqttMessageBuilders.ConnAckPropertiesBuilder().userProperty("head", "0").build())
                .build());
        MqttSubscribeMessage sub = (MqttSubscribeMessage) nextOfType(MqttMessageType.SUBSCRIBE);
        send(MqttMessageBuilders.subAck().packetId(sub.variableHeader().messageId())
                .addGrantedQos(MqttQoS.AT_MOST_ONCE).build());
    }

    void refuse(MqttConnectReturnCode code, MqttProperties props) {
        expectConnect();
        MqttConnAckMessage connAck = MqttMessageBuilders.connAck().returnCode(code).properties(props).build();
        send(connAck);
    }

    /** Answers a request on its response topic with its correlation data, QoS 0, as the server does. */
    void reply(Request request, MessageLite reply) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, request.correlation()));
        props.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "application/x-protobuf"));
        publish(request.responseTopic(), reply, props);
    }

    void publish(String topic, MessageLite payload) {
        publish(topic, payload, MqttProperties.NO_PROPERTIES);
    }

    void publish(String topic, MessageLite payload, MqttProperties props) {
        send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .properties(props).payload(Unpooled.wrappedBuffer(payload.toByteArray())).build());
    }

    void pubAck(Request request, int reasonCode) {
        send(MqttMessageBuilders.pubAck().packetId(request.packetId()).reasonCode((byte) reasonCode).build());
    }

    void disconnect(int reasonCode) {
        send(MqttMessageBuilders.disconnect().reasonCode((byte) reasonCode).build());
    }

    /** Encodes a packet on the server side and feeds the bytes to the client. */
    void send(MqttMessage message) {
        server.writeOutbound(message);
        ByteBuf bytes;
        while ((bytes = server.readOutbound()) != null) {
            if (client.isOpen()) {
                client.writeInbound(bytes);
            } else {
                bytes.release(); // the client already closed: the packet is lost, as on a network
            }
        }
    }

    void releaseAll() {
        server.finishAndReleaseAll();
    }
}
