package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.client.HearthClient;
import io.hearth.protocol.Platforms;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * The users of a cluster test: created with tokens through one node's server API, placed by the route, and connected
 * with the Java SDK (all clients share one small event loop group). Blocking; call from the test thread.
 */
final class Population implements AutoCloseable {

    private final List<ChatUser> users;
    private final ExecutorService calls = Executors.newFixedThreadPool(8);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2,
            new DefaultThreadFactory("it-clients", true), NioIoHandler.newFactory());

    private Population(List<ChatUser> users) {
        this.users = users;
    }

    /** Creates {@code count} users {@code prefix0..} and a token each (platform Android) through {@code admin}. */
    static Population create(NodeProcess admin, String prefix, int count) {
        Population p = new Population(new ArrayList<>());
        List<ChatUser> created = p.parallel(count, i -> {
            String id = prefix + i;
            admin.admin().createUser(id, id, id);
            return new ChatUser(id, id + "-phone", admin.admin().getToken(id, id + "-phone", Platforms.ANDROID));
        });
        p.users.addAll(created);
        return p;
    }

    List<ChatUser> users() {
        return users;
    }

    /**
     * Asks every node in {@code via} for the route of every user and checks they all answer the same node; returns
     * user id to home node id and records it as each user's home.
     */
    Map<String, Integer> routeHomes(ClusterFixture cluster, List<NodeProcess> via) {
        Map<String, Integer> homes = askRoutes(cluster, via, users);
        users.forEach(u -> u.home = homes.get(u.userId));
        return homes;
    }

    /** The home node every node in {@code via} names for each of {@code asked}; fails unless they all agree. */
    Map<String, Integer> askRoutes(ClusterFixture cluster, List<NodeProcess> via, List<ChatUser> asked) {
        List<Integer> homes = parallel(asked.size(), i -> {
            ChatUser u = asked.get(i);
            List<Integer> answers = new ArrayList<>();
            for (NodeProcess n : via) {
                JsonNode r = n.route(u.userId, u.clientId, u.token);
                assertThat(r.path("code").asInt()).as("route of %s on node %d: %s", u.userId, n.nodeId(), r)
                        .isZero();
                answers.add(cluster.nodeIdOf(r.path("result").path("host").asText(),
                        r.path("result").path("longPort").asInt()));
            }
            assertThat(answers).as("homes of %s answered by nodes %s", u.userId,
                    via.stream().map(NodeProcess::nodeId).toList()).containsOnly(answers.get(0));
            return answers.get(0);
        });
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            out.put(asked.get(i).userId, homes.get(i));
        }
        return out;
    }

    /** Connects every user's SDK client, routing user i through {@code routeVia.apply(i)}; waits for all. */
    void connect(IntFunction<NodeProcess> routeVia) {
        List<CompletableFuture<Void>> connected = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            ChatUser u = users.get(i);
            u.client = HearthClient.builder()
                    .routeUrl(routeVia.apply(i).routeUrl())
                    .userId(u.userId).clientId(u.clientId).token(u.token).platform(Platforms.ANDROID)
                    .eventLoopGroup(loops)
                    .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .requestTimeout(Duration.ofSeconds(5))
                    .listener(u)
                    .build();
            connected.add(u.client.connect());
        }
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    /**
     * Takes the node each connected client was routed to ({@code session.info}) as the user's home: what the route
     * answered, without asking it again.
     */
    Map<String, Integer> homesFromSessions() {
        Map<String, Integer> serving = servingNodes();
        users.forEach(u -> u.home = serving.get(u.userId));
        return serving;
    }

    /** The node each client's session is on now ({@code session.info}), by user id. */
    Map<String, Integer> servingNodes() {
        Map<String, CompletableFuture<Integer>> asked = new HashMap<>();
        for (ChatUser u : users) {
            asked.put(u.userId, u.client.sessionInfo().thenApply(s -> s.getNodeId()));
        }
        Map<String, Integer> out = new HashMap<>();
        asked.forEach((user, f) -> out.put(user, f.orTimeout(20, TimeUnit.SECONDS).join()));
        return out;
    }

    /** Runs {@code task(0..count-1)} on a few threads; returns the results in index order. */
    private <T> List<T> parallel(int count, IntFunction<T> task) {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(calls.submit(() -> task.apply(n)));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("a parallel call took over 60 s", e);
        }
        return out;
    }

    @Override
    public void close() {
        for (ChatUser u : users) {
            if (u.client != null) {
                u.client.close();
            }
        }
        calls.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
