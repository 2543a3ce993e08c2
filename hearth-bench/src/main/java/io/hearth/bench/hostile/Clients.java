package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import io.hearth.bench.Users;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Platforms;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Creates accounts through the server API and builds SDK clients for them (direct address, no reconnect). Stateless. */
final class Clients {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private Clients() {
    }

    /** Creates users {@code prefix0 … prefix(n-1)} and connects one client each; waits until all are connected. */
    static List<HearthClient> connectMany(Target target, EventLoopGroup group, String prefix, int n,
                                          HearthListener listener) throws Exception {
        Users.create(target.admin, prefix, n);
        List<HearthClient> clients = new ArrayList<>(n);
        List<CompletableFuture<Void>> connecting = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            HearthClient c = build(target, group, prefix + i, listener);
            clients.add(c);
            connecting.add(c.connect());
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        return clients;
    }

    /** A client of an existing user, not yet connected. */
    static HearthClient build(Target target, EventLoopGroup group, String user, HearthListener listener) {
        String token = token(target, user);
        return HearthClient.builder()
                .directAddress(target.host, target.mqttPort).userId(user).clientId(user + "-c").token(token)
                .platform(Platforms.ANDROID).eventLoopGroup(group).reconnect(false)
                .requestTimeout(REQUEST_TIMEOUT).listener(listener)
                .build();
    }

    static String token(Target target, String user) {
        return target.admin.getToken(user, user + "-c", Platforms.ANDROID);
    }

    static void createUser(Target target, String user) {
        target.admin.createUser(user, user, user);
    }
}
