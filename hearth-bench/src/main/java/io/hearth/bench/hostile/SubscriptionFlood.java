package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Attack 2: one connection subscribes to {@code filters} distinct filters inside its own namespace
 * ({@code u/<user>/f/<n>}, {@value #PER_PACKET} per SUBSCRIBE) plus its push topic, then an accomplice sends it
 * {@code perSecond} small messages. Before issue 8 every push to it is matched against every filter on the thread
 * that also completes everyone's sends. The attacker keeps reading its socket.
 */
final class SubscriptionFlood implements Attack {

    static final int PER_PACKET = 1000;

    private final Target target;
    private final EventLoopGroup group;
    private final String user;
    private final String feeder;
    private final int filters;
    private final double perSecond;
    private volatile RawMqtt connection;
    private volatile Paced paced;
    private volatile int granted;
    private volatile int refused;
    private volatile double subscribeSeconds = -1;
    private volatile String problem = "";

    SubscriptionFlood(Target target, EventLoopGroup group, String run, int filters, double perSecond) {
        this.target = target;
        this.group = group;
        this.user = run + "as";
        this.feeder = run + "at";
        this.filters = filters;
        this.perSecond = perSecond;
    }

    @Override
    public String name() {
        return "subscription-flood";
    }

    @Override
    public void run() throws Exception {
        Clients.createUser(target, user);
        Clients.createUser(target, feeder);
        RawMqtt m = RawMqtt.login(group, target.host, target.mqttPort, user, user + "-c", Clients.token(target, user),
                0, 60);
        connection = m;
        m.subscribe(List.of(Topics.namespace(user) + "push/#")).get(30, TimeUnit.SECONDS);
        long start = System.nanoTime();
        try {
            for (int from = 0; from < filters; from += PER_PACKET) {
                List<String> batch = new ArrayList<>(PER_PACKET);
                for (int i = from; i < Math.min(filters, from + PER_PACKET); i++) {
                    batch.add(Topics.namespace(user) + "f/" + i);
                }
                for (int code : m.subscribe(batch).get(60, TimeUnit.SECONDS)) {
                    if (code < 0x80) {
                        granted++;
                    } else {
                        refused++;
                    }
                }
            }
        } catch (Exception e) {
            problem = ", subscribing stopped: " + e;
        }
        subscribeSeconds = (System.nanoTime() - start) / 1e9;
        HearthClient c = Clients.build(target, group, feeder, new HearthListener() { });
        c.connect().get(30, TimeUnit.SECONDS);
        SendMessageRequest request = SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(user))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent("ping").setPersistFlag(3))
                .build();
        Paced p = new Paced(c, () -> request, 1000);
        p.start(group, perSecond);
        paced = p;
    }

    @Override
    public String status() {
        RawMqtt m = connection;
        Paced p = paced;
        return String.format("%d filters granted, %d refused%s%s; feeder %s; attacker read %d pushes%s", granted,
                refused, subscribeSeconds < 0 ? "" : String.format(" in %.1f s", subscribeSeconds), problem,
                p == null ? "not started" : p.describe(), m == null ? 0 : m.publishes.sum(),
                m != null && !m.isOpen() ? ", attacker disconnected" : "");
    }

    @Override
    public void close() {
        if (paced != null) {
            paced.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
