package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MqttHandshakeTest {

    private static final Target T = new Target("127.0.0.1", 1883, "port");

    @Test
    void connectIsAnMqtt311ConnectWithoutCredentialsThatNettyDecodes() {
        EmbeddedChannel ch = new EmbeddedChannel(new MqttDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(MqttHandshake.connectPacket()));
        MqttConnectMessage connect = ch.readInbound();

        assertThat(connect.decoderResult().isSuccess()).isTrue();
        assertThat(MqttVersion.fromProtocolNameAndLevel(connect.variableHeader().name(),
                (byte) connect.variableHeader().version())).isEqualTo(MqttVersion.MQTT_3_1_1);
        assertThat(connect.variableHeader().hasUserName()).isFalse();
        assertThat(connect.variableHeader().hasPassword()).isFalse();
        assertThat(connect.variableHeader().isCleanSession()).isTrue();
        assertThat(connect.payload().clientIdentifier()).startsWith("hearth-check-");
    }

    @Test
    void readsTheReturnCodeOfAConnAck() throws Exception {
        assertThat(MqttHandshake.readConnAck(in(new byte[] {0x20, 2, 0, 5}), T, "fix")).isEqualTo(5);
    }

    @Test
    void refusalsOfAnonymousAreTheExpectedAnswer() {
        assertThat(MqttHandshake.verdict("x", 4).line()).isEqualTo("OK   x: MQTT answered (refused anonymous, as expected)");
        assertThat(MqttHandshake.verdict("x", 5).ok()).isTrue();
        assertThat(MqttHandshake.verdict("x", 3).ok()).isFalse();
    }

    @Test
    void anHttpAnswerIsNotMqtt() {
        assertThatThrownBy(() -> MqttHandshake.readConnAck(
                in("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII)), T, "the fix"))
                .isInstanceOf(ProbeFailure.class)
                .hasMessage("the answer is not MQTT: it answered HTTP (HTTP/1.1 400 Bad Request)");
    }

    @Test
    void aCloseWithoutAnswerIsReported() {
        assertThatThrownBy(() -> MqttHandshake.readConnAck(in(new byte[0]), T, "the fix"))
                .isInstanceOf(ProbeFailure.class).hasMessage("the connection was closed without a CONNACK");
    }

    private static ByteArrayInputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
