package io.hearth.client.connection;

import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * Maps a refused CONNACK to a {@link HearthException}: the code is the user property {@code hearth-code} when
 * present, else 0x86/0x04 (bad user name or password) give 6, 0x87/0x05 (not authorized) give 7 and anything else 4;
 * the message is the reason string, else the status message.
 */
final class ConnackRefusal {

    private ConnackRefusal() {
    }

    static HearthException toException(MqttConnAckVariableHeader header) {
        int reason = header.connectReturnCode().byteValue() & 0xFF;
        MqttProperties props = header.properties();
        int code = MqttPackets.hearthCode(props, mapped(reason));
        String reasonString = MqttPackets.stringProperty(props, MqttProperties.REASON_STRING);
        String msg = reasonString != null && !reasonString.isEmpty() ? reasonString : Status.of(code).message();
        return new HearthException(code, msg);
    }

    static int mapped(int reasonCode) {
        return switch (reasonCode) {
            case 0x86, 0x04 -> Status.TOKEN_ERROR.code();
            case 0x87, 0x05 -> Status.KICKED_OFF.code();
            default -> Status.SERVER_ERROR.code();
        };
    }
}
