package io.hearth.server.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.server.config.HearthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes pushes to connections without letting any of them queue unbounded memory. A connection gets a push only
 * while it takes what it was sent: its channel is writable (under {@code mqtt.outbound_buffer_bytes}), fewer than
 * {@code mqtt.outbound_max_pushes} pushes wait for its socket, and the node's queued pushes stay under
 * {@code mqtt.outbound_node_bytes}. Otherwise its stored messages are left for its next pull (it is told by a push
 * that carries only {@code head} as soon as it catches up), its transparent messages are dropped, and both are
 * counted. Entries are split into pushes of at most {@link #MAX_PUSH_BYTES}. Any thread: deliveries come from the
 * writer's dispatch thread and cluster threads, resumptions from the connection's event loop.
 */
public final class PushWriter {

    /** Message bytes per push packet; a single larger message still goes alone. */
    static final int MAX_PUSH_BYTES = 64 * 1024;

    private static final JsonFormat.Printer JSON =
            JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();
    private static final MqttProperties PROTO_PROPS =
            MqttReplies.contentProperties(Topics.PROTOBUF_CONTENT_TYPE, null);
    private static final MqttProperties JSON_PROPS = MqttReplies.contentProperties(Topics.JSON_CONTENT_TYPE, null);

    private final int maxPushes;
    private final long nodeBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Counter deferred;
    private final Counter dropped;

    public PushWriter(HearthConfig.Connections limits, MeterRegistry meters) {
        this.maxPushes = limits.outboundPushes();
        this.nodeBytes = limits.nodeOutboundBytes() > 0 ? limits.nodeOutboundBytes()
                : Math.max(PlatformDependent.maxDirectMemory() / 4, 16L * 1024 * 1024);
        this.deferred = Counter.builder("hearth.push.deferred")
                .description("stored messages not pushed to a connection over its outbound limit (it pulls them)")
                .register(meters);
        this.dropped = Counter.builder("hearth.push.dropped")
                .description("transparent messages dropped for a connection over its outbound limit")
                .register(meters);
        Gauge.builder("hearth.push.queued.bytes", queuedBytes, AtomicLong::get)
                .description("bytes of pushes written to connections and not yet taken by their sockets")
                .register(meters);
    }

    /**
     * Pushes a user's new entries (already filtered for this connection) with the user's newest seq, as far as the
     * connection's limits allow.
     */
    void messages(Connection c, List<Message> entries, long head) {
        Subscriptions.Forms forms = c.subscriptions().forms(Topics.PUSH_MESSAGE);
        if (forms == Subscriptions.Forms.NONE) {
            return;
        }
        if (entries.isEmpty()) {
            if (admits(c)) {
                write(c, Topics.PUSH_MESSAGE, forms, MessagePush.newBuilder().setHead(head).build());
            } else {
                c.deferUpTo(head);
            }
            return;
        }
        int from = 0;
        while (from < entries.size()) {
            if (!admits(c)) {
                defer(c, entries.subList(from, entries.size()), head);
                return;
            }
            MessagePush.Builder push = MessagePush.newBuilder().setHead(head);
            int bytes = 0;
            while (from < entries.size() && (push.getMessagesCount() == 0
                    || bytes + entries.get(from).getSerializedSize() <= MAX_PUSH_BYTES)) {
                bytes += entries.get(from).getSerializedSize();
                push.addMessages(entries.get(from++));
            }
            c.caughtUp();
            write(c, Topics.PUSH_MESSAGE, forms, push.build());
        }
    }

    /**
     * A connection that was left behind can take pushes again: tell it the head it must pull up to. Called on its
     * event loop when its channel becomes writable and when a queued push of it was written out.
     */
    void resume(Connection c) {
        long head = c.deferredHead();
        if (head > 0 && c.state() == Connection.State.ACTIVE && admits(c) && c.caughtUp()) {
            Subscriptions.Forms forms = c.subscriptions().forms(Topics.PUSH_MESSAGE);
            if (forms != Subscriptions.Forms.NONE) {
                write(c, Topics.PUSH_MESSAGE, forms, MessagePush.newBuilder().setHead(head).build());
            }
        }
    }

    /** Writes a push of {@code kind} in the forms the connection subscribed to, whatever its limits (kicks). */
    void always(Connection c, String kind, com.google.protobuf.Message push) {
        Subscriptions.Forms forms = c.subscriptions().forms(kind);
        if (forms != Subscriptions.Forms.NONE) {
            write(c, kind, forms, push);
        }
    }

    private boolean admits(Connection c) {
        return c.channel().isWritable() && c.queuedPushes() < maxPushes && queuedBytes.get() < nodeBytes;
    }

    private void defer(Connection c, List<Message> left, long head) {
        int stored = 0;
        for (Message m : left) {
            if (m.getSeq() > 0) {
                stored++;
            }
        }
        if (stored > 0) {
            deferred.increment(stored);
            c.deferUpTo(head);
        }
        if (stored < left.size()) {
            dropped.increment(left.size() - stored);
        }
    }

    private void write(Connection c, String kind, Subscriptions.Forms forms, com.google.protobuf.Message push) {
        if (forms.proto()) {
            writeOne(c, Topics.push(c.userId(), kind), push.toByteArray(), PROTO_PROPS);
        }
        if (forms.json()) {
            try {
                writeOne(c, Topics.jsonPush(c.userId(), kind), JSON.print(push).getBytes(StandardCharsets.UTF_8),
                        JSON_PROPS);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("push not printable as JSON", e);
            }
        }
    }

    private void writeOne(Connection c, String topic, byte[] payload, MqttProperties props) {
        long bytes = payload.length + topic.length();
        queuedBytes.addAndGet(bytes);
        c.pushQueued();
        c.channel().writeAndFlush(MqttReplies.publish(topic, payload, props)).addListener(f -> {
            queuedBytes.addAndGet(-bytes);
            if (c.pushWritten() == 0) {
                resume(c);
            }
        });
    }
}
