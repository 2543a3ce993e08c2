package io.hearth.server.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/** Builders for the packets the server sends that Netty's builders do not cover directly. Stateless. */
public final class MqttReplies {

    static final MqttMessage PINGRESP =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private MqttReplies() {
    }

    /** A QoS 0 PUBLISH. Properties are only written on MQTT 5 connections (the encoder drops them otherwise). */
    public static MqttPublishMessage publish(String topic, byte[] payload, MqttProperties properties) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0);
        return new MqttPublishMessage(header, new MqttPublishVariableHeader(topic, 0, properties),
                Unpooled.wrappedBuffer(payload));
    }

    /** Properties with a Content Type and, when given, Correlation Data. */
    public static MqttProperties contentProperties(String contentType, byte[] correlation) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.CONTENT_TYPE.value(), contentType));
        if (correlation != null) {
            props.add(new MqttProperties.BinaryProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value(),
                    correlation));
        }
        return props;
    }
}
