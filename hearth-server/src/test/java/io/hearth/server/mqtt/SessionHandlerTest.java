package io.hearth.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.config.HearthConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SUBACK and UNSUBACK reason codes on the wire, per protocol version (a session of at most two filters). */
class SessionHandlerTest {

    private static final HearthConfig.Connections LIMITS =
            new HearthConfig.Connections(10, 2, 10, 1 << 20, 100, 1L << 30, 30);

    @Test
    void mqtt5SubAckGrantsRefusesOutsideTheNamespaceAndOverTheLimit() {
        EmbeddedChannel ch = session(MqttVersion.MQTT_5);
        assertThat(subscribe(ch, "u/alice/push/#", "u/bob/push/#", "u/alice/a", "u/alice/b"))
                .containsExactly(0x00, 0x87, 0x00, 0x97);
    }

    @Test
    void mqtt311SubAckHasOneFailureCode() {
        EmbeddedChannel ch = session(MqttVersion.MQTT_3_1_1);
        assertThat(subscribe(ch, "u/alice/push/#", "u/bob/push/#", "u/alice/a", "u/alice/b"))
                .containsExactly(0x00, 0x80, 0x00, 0x80);
    }

    @Test
    void unsubAckTellsWhichFiltersWereHeld() {
        EmbeddedChannel ch = session(MqttVersion.MQTT_5);
        subscribe(ch, "u/alice/push/#");
        ch.writeInbound(MqttMessageBuilders.unsubscribe().messageId(2)
                .addTopicFilter("u/alice/push/#").addTopicFilter("u/alice/never").build());
        MqttUnsubAckMessage ack = ch.readOutbound();
        assertThat(ack.payload().unsubscribeReasonCodes()).containsExactly((short) 0x00, (short) 0x11);
    }

    private static EmbeddedChannel session(MqttVersion version) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Connection.of(ch).authenticated("alice", "c1", 1, version, LIMITS);
        ch.pipeline().addLast(new SessionHandler(null));
        return ch;
    }

    private static List<Integer> subscribe(EmbeddedChannel ch, String... filters) {
        var b = MqttMessageBuilders.subscribe().messageId(1);
        for (String f : filters) {
            b.addSubscription(MqttQoS.AT_MOST_ONCE, f);
        }
        ch.writeInbound(b.build());
        MqttSubAckMessage ack = ch.readOutbound();
        return ack.payload().reasonCodes();
    }
}
