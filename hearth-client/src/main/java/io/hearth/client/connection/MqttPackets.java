package io.hearth.client.connection;

import io.hearth.client.ClientConfig;
import io.hearth.client.rpc.Correlation;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/** Builds the packets the client sends, and reads the MQTT 5 properties it cares about. Stateless. */
final class MqttPackets {

    private MqttPackets() {
    }

    /** CONNECT, MQTT 5: client id, user name = user id, password = token, clean start. */
    static MqttConnectMessage connect(ClientConfig config) {
        return MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_5)
                .clientId(config.clientId())
                .cleanSession(true)
                .keepAlive(config.keepAliveSeconds())
                .hasUser(true)
                .username(config.userId())
                .hasPassword(true)
                .password(config.token().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** SUBSCRIBE to one filter at QoS 0 (Hearth grants QoS 0: delivery is guaranteed by the timeline). */
    static MqttSubscribeMessage subscribe(int packetId, String topicFilter) {
        return MqttMessageBuilders.subscribe()
                .messageId(packetId)
                .addSubscription(MqttQoS.AT_MOST_ONCE, topicFilter)
                .build();
    }

    /** A QoS 1 request with Response Topic and Correlation Data. */
    static MqttPublishMessage request(String topic, String responseTopic, long correlationId, byte[] payload,
            int packetId) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, responseTopic));
        props.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, Correlation.encode(correlationId)));
        return MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(packetId)
                .retained(false)
                .properties(props)
                .payload(Unpooled.wrappedBuffer(payload))
                .build();
    }

    static MqttMessage pubAck(int packetId) {
        return MqttMessageBuilders.pubAck().packetId(packetId).build();
    }

    /** DISCONNECT with reason 0x00, normal disconnection. */
    static MqttMessage disconnect() {
        return MqttMessageBuilders.disconnect().reasonCode((byte) 0).build();
    }

    /** A string property (e.g. {@link MqttProperties#REASON_STRING}), or null. */
    static String stringProperty(MqttProperties props, int id) {
        MqttProperties.MqttProperty<?> p = props == null ? null : props.getProperty(id);
        return p != null && p.value() instanceof String s ? s : null;
    }

    /** A binary property (e.g. {@link MqttProperties#CORRELATION_DATA}), or null. */
    static byte[] binaryProperty(MqttProperties props, int id) {
        MqttProperties.MqttProperty<?> p = props == null ? null : props.getProperty(id);
        return p != null && p.value() instanceof byte[] b ? b : null;
    }

    /** The first user property with this key, or null. */
    static String userProperty(MqttProperties props, String key) {
        if (props == null) {
            return null;
        }
        for (MqttProperties.MqttProperty<?> p : props.getProperties(MqttProperties.USER_PROPERTY)) {
            if (p instanceof MqttProperties.UserProperty u && key.equals(u.value().key)) {
                return u.value().value;
            }
        }
        return null;
    }

    /** The integer user property {@code hearth-code}, or {@code fallback} when absent or not a number. */
    static int hearthCode(MqttProperties props, int fallback) {
        String value = userProperty(props, "hearth-code");
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the mapped code
            }
        }
        return fallback;
    }
}
