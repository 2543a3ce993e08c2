package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Attack 1: an ordinary user sends {@code message.send} every 20 ms with {@code toUsers} = 100 strings of 90
 * characters (9,099 characters joined, over the 8,192 of {@code messages.to_users}). Before issue 8 the whole
 * group commit fails with it, so other users' sends in the same batch fail with code 4.
 */
final class PoisonedSends implements Attack {

    private static final int TO_USERS = 100;
    private static final int LENGTH = 90;

    private final Target target;
    private final EventLoopGroup group;
    private final String user;
    private final String peer;
    private final double perSecond;
    private volatile Paced paced;

    PoisonedSends(Target target, EventLoopGroup group, String run, int everyMillis) {
        this.target = target;
        this.group = group;
        this.user = run + "ap";
        this.peer = run + "aq";
        this.perSecond = 1000.0 / everyMillis;
    }

    @Override
    public String name() {
        return "poisoned-sends";
    }

    @Override
    public void run() throws Exception {
        Clients.createUser(target, user);
        Clients.createUser(target, peer);
        HearthClient c = Clients.build(target, group, user, new HearthListener() { });
        c.connect().get(30, TimeUnit.SECONDS);
        List<String> toUsers = new ArrayList<>();
        for (int i = 0; i < TO_USERS; i++) {
            String n = "u" + i;
            toUsers.add(n + "z".repeat(LENGTH - n.length()));
        }
        SendMessageRequest request = SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(peer))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent("hi").setPersistFlag(3))
                .addAllToUsers(toUsers)
                .build();
        Paced p = new Paced(c, () -> request, 1000);
        p.start(group, perSecond);
        paced = p;
    }

    @Override
    public String status() {
        Paced p = paced;
        return p == null ? "starting" : "poisoned sends: " + p.describe();
    }

    @Override
    public void close() {
        if (paced != null) {
            paced.close();
        }
    }
}
