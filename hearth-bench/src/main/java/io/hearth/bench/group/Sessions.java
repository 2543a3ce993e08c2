package io.hearth.bench.group;

import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Logs users in with the Java SDK (MQTT 5), {@value #WAVE} at a time so that a few thousand sessions never pile up
 * in the node's queue of connections not yet logged in ({@code mqtt.max_pending_connections}). Tokens come from the
 * server API on a small pool of threads. Called from the bench's main thread.
 */
public final class Sessions {

    private static final int WAVE = 500;

    private Sessions() {
    }

    public static List<HearthClient> connect(Target target, EventLoopGroup loops, Transport transport, List<String> users,
                                      Function<String, HearthListener> listeners) throws Exception {
        List<String> tokens = tokens(target, users);
        List<HearthClient> clients = new ArrayList<>(users.size());
        for (int from = 0; from < users.size(); from += WAVE) {
            List<CompletableFuture<Void>> wave = new ArrayList<>();
            for (int i = from; i < Math.min(users.size(), from + WAVE); i++) {
                String user = users.get(i);
                HearthClient c = HearthClient.builder()
                        .directAddress(target.host, transport == Transport.TCP ? target.mqttPort : target.wsPort)
                        .transport(transport).userId(user).clientId(user + "-c").token(tokens.get(i))
                        .platform(Platforms.ANDROID).eventLoopGroup(loops).reconnect(false)
                        .requestTimeout(Duration.ofSeconds(120))
                        .listener(listeners.apply(user))
                        .build();
                clients.add(c);
                wave.add(c.connect());
            }
            CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        return clients;
    }

    private static List<String> tokens(Target target, List<String> users) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> pending = new ArrayList<>(users.size());
            for (String u : users) {
                pending.add(pool.submit(() -> target.admin.getToken(u, u + "-c", Platforms.ANDROID)));
            }
            List<String> tokens = new ArrayList<>(users.size());
            for (Future<String> f : pending) {
                tokens.add(f.get(5, TimeUnit.MINUTES));
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }
}
