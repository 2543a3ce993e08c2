package io.hearth.server.mqtt;

import io.hearth.protocol.Status;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperty;

/** CONNACK packets: the accepting one with the server's limits, and refusals mapped from a Hearth status. */
final class ConnAcks {

    private ConnAcks() {
    }

    static MqttConnAckMessage accepted(boolean mqtt5, int maxPacketSize, int receiveMaximum, int nodeId,
                                       long serverTime, long head) {
        MqttProperties props = new MqttProperties();
        if (mqtt5) {
            props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), maxPacketSize));
            props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
            props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), receiveMaximum));
            props.add(new IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
            props.add(new UserProperty("node-id", Integer.toString(nodeId)));
            props.add(new UserProperty("server-time", Long.toString(serverTime)));
            props.add(new UserProperty("head", Long.toString(head)));
        }
        return MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(false).properties(props).build();
    }

    static MqttConnAckMessage refused(boolean mqtt5, Status status, String message) {
        MqttProperties props = new MqttProperties();
        MqttConnectReturnCode code;
        if (mqtt5) {
            code = switch (status) {
                case TOKEN_ERROR -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD;
                case KICKED_OFF -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
                case USER_BLOCKED -> MqttConnectReturnCode.CONNECTION_REFUSED_BANNED;
                case INVALID_PARAMETER -> MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID;
                case OVER_FREQUENCY -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY;
                default -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5;
            };
            props.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(),
                    status.code() + " " + message));
            props.add(new UserProperty("hearth-code", Integer.toString(status.code())));
        } else {
            code = switch (status) {
                case TOKEN_ERROR -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
                case KICKED_OFF, USER_BLOCKED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
                case INVALID_PARAMETER -> MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
                default -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            };
        }
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).properties(props).build();
    }
}
