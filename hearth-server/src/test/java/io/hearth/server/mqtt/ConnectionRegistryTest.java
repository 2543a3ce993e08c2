package io.hearth.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.session.Kicker.Cause;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {

    @Test
    void eachKickCauseHasItsDisconnectReasonCode() {
        assertThat(ConnectionRegistry.disconnectCode(Cause.TAKEN_OVER)).isEqualTo(Disconnect.SESSION_TAKEN_OVER);
        assertThat(ConnectionRegistry.disconnectCode(Cause.ADMIN)).isEqualTo(Disconnect.ADMINISTRATIVE_ACTION);
        // 0x8A Banned is a CONNACK code only; MQTT 5 has no such DISCONNECT code
        assertThat(ConnectionRegistry.disconnectCode(Cause.BANNED)).isEqualTo(Disconnect.NOT_AUTHORIZED);
        assertThat(Disconnect.NOT_AUTHORIZED.byteValue() & 0xff).isEqualTo(0x87);
    }
}
