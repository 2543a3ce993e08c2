package io.hearth.server.mqtt;

import io.hearth.server.common.ThrottledLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the server closes an MQTT connection: with a reason for the log and, on MQTT 5 after a successful
 * CONNECT, a DISCONNECT packet carrying the reason code and string. Any thread.
 */
public final class Disconnector {

    static final Logger EVENTS = LoggerFactory.getLogger("hearth.events");
    private static final ThrottledLog ANONYMOUS = new ThrottledLog(EVENTS, 10, java.util.concurrent.TimeUnit.SECONDS);

    private Disconnector() {
    }

    /** Closes the connection; sends DISCONNECT {@code reasonCode} first when the client speaks MQTT 5 and is logged in. */
    public static void disconnect(Connection c, Disconnect reasonCode, String reason) {
        disconnect(c, reasonCode, reason, null);
    }

    /**
     * Like {@link #disconnect(Connection, Disconnect, String)}, with a Server Reference ({@code host:port} of the node
     * the client should use) when {@code serverReference} is not null. MQTT 3.1.1 clients are just closed.
     */
    public static void disconnect(Connection c, Disconnect reasonCode, String reason, String serverReference) {
        Connection.State before = c.state();
        if (!c.closing() && before != Connection.State.TAKEN_OVER) {
            return;
        }
        if (serverReference == null) {
            EVENTS.info("drop {} reason={} code=0x{}", c, reason, hex(reasonCode));
        } else {
            EVENTS.info("drop {} reason={} code=0x{} serverReference={}", c, reason,
                    hex(reasonCode), serverReference);
        }
        // a channel over its outbound limit would only queue the DISCONNECT behind what its client does not read
        if (c.isMqtt5() && before != Connection.State.CONNECTING && c.channel().isActive() && c.channel().isWritable()) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
            if (serverReference != null) {
                props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.SERVER_REFERENCE.value(),
                        serverReference));
            }
            c.channel().writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reasonCode.byteValue())
                            .properties(props).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            c.channel().close();
        }
    }

    /** Closes without any packet (before CONNECT, or a client that broke the protocol badly). */
    public static void close(Connection c, String reason) {
        if (c.closing()) {
            if (c.userId() == null) {
                // never logged in: a flood of these must not flood the log; one line per kind per 10 s
                ANONYMOUS.info(reason.length() > 24 ? reason.substring(0, 24) : reason, "drop {} reason={}", c, reason);
            } else {
                EVENTS.info("drop {} reason={}", c, reason);
            }
        }
        c.channel().close();
    }

    /**
     * Closes the connection of a channel whose pipeline failed ({@link io.hearth.server.transport.ExceptionHandler}
     * of the MQTT tail): through {@link #close(Connection, String)} when it has a connection, else the channel alone.
     */
    public static void closeAfterError(ChannelHandlerContext ctx, String reason) {
        Connection c = ctx.channel().attr(Connection.KEY).get();
        if (c != null) {
            close(c, reason);
        } else {
            ctx.close();
        }
    }

    private static String hex(Disconnect code) {
        return Integer.toHexString(code.byteValue() & 0xff);
    }
}
