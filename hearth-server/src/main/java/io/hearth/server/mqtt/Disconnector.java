package io.hearth.server.mqtt;

import io.hearth.server.common.ThrottledLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the server closes an MQTT connection: with a reason for the log and, on MQTT 5 after a successful
 * CONNECT, a DISCONNECT packet carrying the reason code and string. Any thread.
 */
public final class Disconnector {

    /** MQTT 5 DISCONNECT reason codes the server uses. */
    public static final byte NORMAL = 0x00;
    public static final byte MALFORMED_PACKET = (byte) 0x81;
    public static final byte PROTOCOL_ERROR = (byte) 0x82;
    public static final byte NOT_AUTHORIZED = (byte) 0x87;
    public static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    public static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    public static final byte PACKET_TOO_LARGE = (byte) 0x95;
    public static final byte ADMINISTRATIVE_ACTION = (byte) 0x98;
    public static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;
    public static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
    public static final byte USE_ANOTHER_SERVER = (byte) 0x9C;

    static final Logger EVENTS = LoggerFactory.getLogger("hearth.events");
    private static final ThrottledLog ANONYMOUS = new ThrottledLog(EVENTS, 10, java.util.concurrent.TimeUnit.SECONDS);

    private Disconnector() {
    }

    /** Closes the connection; sends DISCONNECT {@code reasonCode} first when the client speaks MQTT 5 and is logged in. */
    public static void disconnect(Connection c, byte reasonCode, String reason) {
        disconnect(c, reasonCode, reason, null);
    }

    /**
     * Like {@link #disconnect(Connection, byte, String)}, with a Server Reference ({@code host:port} of the node the
     * client should use) when {@code serverReference} is not null. MQTT 3.1.1 clients are just closed.
     */
    public static void disconnect(Connection c, byte reasonCode, String reason, String serverReference) {
        Connection.State before = c.state();
        if (!c.closing() && before != Connection.State.TAKEN_OVER) {
            return;
        }
        if (serverReference == null) {
            EVENTS.info("drop {} reason={} code=0x{}", c, reason, Integer.toHexString(reasonCode & 0xff));
        } else {
            EVENTS.info("drop {} reason={} code=0x{} serverReference={}", c, reason,
                    Integer.toHexString(reasonCode & 0xff), serverReference);
        }
        // a channel over its outbound limit would only queue the DISCONNECT behind what its client does not read
        if (c.isMqtt5() && before != Connection.State.CONNECTING && c.channel().isActive() && c.channel().isWritable()) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
            if (serverReference != null) {
                props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.SERVER_REFERENCE.value(),
                        serverReference));
            }
            c.channel().writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reasonCode).properties(props).build())
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
}
