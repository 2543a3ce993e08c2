package io.hearth.server.transport.tcp;

import io.hearth.server.mqtt.MqttPipeline;
import io.netty.channel.socket.SocketChannel;
import java.util.function.Consumer;

/** MQTT over plain TCP: no prefix, just the shared MQTT tail. */
public final class TcpTransport {

    private TcpTransport() {
    }

    public static Consumer<SocketChannel> initializer(MqttPipeline mqtt) {
        return ch -> mqtt.addTail(ch.pipeline());
    }
}
