package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Attack 3: a subscriber with a 4 KB receive buffer that stops reading its socket after SUBACK but sends PINGREQ
 * every 10 s (so it looks alive), while an accomplice sends it messages of {@code contentBytes} (persisted, or
 * transparent with {@code transparent}) at {@code perSecond}, at most 256 unanswered. Before issue 8 the node
 * queues every push for it in direct memory without bound.
 */
final class SlowConsumer implements Attack {

    private static final int RECEIVE_BUFFER = 4096;

    private final Target target;
    private final EventLoopGroup group;
    private final String user;
    private final String feeder;
    private final int contentBytes;
    private final double perSecond;
    private final boolean transparent;
    private volatile long startNanos;
    private volatile RawMqtt connection;
    private volatile Paced paced;
    private volatile ScheduledFuture<?> pings;
    private volatile double closedAfter = -1;

    SlowConsumer(Target target, EventLoopGroup group, String run, int contentBytes, double perSecond,
                 boolean transparent) {
        this.target = target;
        this.group = group;
        this.user = run + "ac";
        this.feeder = run + "ad";
        this.contentBytes = contentBytes;
        this.perSecond = perSecond;
        this.transparent = transparent;
    }

    @Override
    public String name() {
        return "slow-consumer";
    }

    @Override
    public void run() throws Exception {
        startNanos = System.nanoTime();
        Clients.createUser(target, user);
        Clients.createUser(target, feeder);
        RawMqtt m = RawMqtt.login(group, target.host, target.mqttPort, user, user + "-c", Clients.token(target, user),
                RECEIVE_BUFFER, 30);
        m.subscribe(List.of(Topics.namespace(user) + "push/#")).get(30, TimeUnit.SECONDS);
        m.stopReading();
        connection = m;
        pings = group.next().scheduleAtFixedRate(() -> {
            if (m.isOpen()) {
                m.ping();
            } else if (closedAfter < 0) {
                closedAfter = (System.nanoTime() - startNanos) / 1e9;
            }
        }, 10, 10, TimeUnit.SECONDS);
        HearthClient c = Clients.build(target, group, feeder, new HearthListener() { });
        c.connect().get(30, TimeUnit.SECONDS);
        SendMessageRequest request = SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(user))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent("y".repeat(contentBytes))
                        .setPersistFlag(transparent ? 4 : 3))
                .build();
        Paced p = new Paced(c, () -> request, 256);
        p.start(group, perSecond);
        paced = p;
    }

    @Override
    public String status() {
        RawMqtt m = connection;
        Paced p = paced;
        String state = m == null ? "not connected" : m.isOpen() ? "still connected"
                : "disconnected by the node" + (closedAfter >= 0 ? String.format(" (seen after %.0f s)", closedAfter) : "");
        return String.format("%d KB %s pushes: %s; consumer %s", contentBytes / 1000,
                transparent ? "transparent" : "persisted", p == null ? "not started" : p.describe(), state);
    }

    @Override
    public void close() {
        if (pings != null) {
            pings.cancel(false);
        }
        if (paced != null) {
            paced.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
