package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.testing.Ports;
import io.hearth.server.testing.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A cluster of Hearth node processes ({@link NodeProcess}) on one new PostgreSQL database: node N on 127.0.0.1N
 * with {@code node_id} N, every node listing every node in {@code cluster.members}, a failure timeout of
 * {@value #FAILURE_TIMEOUT_SECONDS} s. Booting three JVMs is the slow part of these tests, so the test classes share
 * one cluster ({@link #shared()}, registered as a static {@code @RegisterExtension}): before each test the fixture
 * calls {@link #ensureAllUp()}, which restarts whatever an earlier test stopped or killed; the nodes are killed when
 * the whole test run ends. When a test fails, the tail of every node's log is printed; the logs are kept under
 * {@code target/cluster-it/cluster/}.
 */
final class ClusterFixture implements BeforeAllCallback, BeforeEachCallback, TestWatcher {

    static final int FAILURE_TIMEOUT_SECONDS = 5;
    private static final ClusterFixture SHARED = new ClusterFixture("cluster", 3);

    private final String name;
    private final int size;
    private final long created = System.nanoTime();
    private final Map<Integer, NodeProcess> nodes = new LinkedHashMap<>();
    private String clusterName;
    private Postgres.Db db;
    private String members;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code size} nodes, none started; {@code name} names the log directory. */
    private ClusterFixture(String name, int size) {
        this.name = name;
        this.size = size;
    }

    /** The three-node cluster of this test run. */
    static ClusterFixture shared() {
        return SHARED;
    }

    /** Creates the database and the node definitions (ports chosen now, kept for every restart). */
    private void define() {
        if (!nodes.isEmpty()) {
            return;
        }
        Path logDir = Path.of("target", "cluster-it", name);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = Postgres.newDatabase();
        Map<Integer, NodeProcess.Ports> ports = new LinkedHashMap<>();
        for (int id = 1; id <= size; id++) {
            ports.put(id, freePorts(NodeProcess.hostOf(id)));
        }
        members = ports.entrySet().stream()
                .map(e -> NodeProcess.hostOf(e.getKey()) + ":" + e.getValue().cluster())
                .collect(Collectors.joining(","));
        clusterName = "hearth-it-" + db.name();
        ports.forEach((id, p) -> {
            String host = NodeProcess.hostOf(id);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("node_id", id);
            s.put("host", host);
            s.put("server.ip", host);
            s.put("cluster.host", host);
            s.put("port", p.mqtt());
            s.put("websocket_port", p.ws());
            s.put("local_port", p.http());
            s.put("http_port", p.http());
            s.put("http.admin.port", p.admin());
            s.put("cluster.port", p.cluster());
            s.put("cluster.members", members);
            s.put("cluster.name", clusterName);
            s.put("cluster.failure_timeout_seconds", FAILURE_TIMEOUT_SECONDS);
            s.put("server.worker_threads", 1);
            s.put("message.roaming", 1);
            s.put("db.pool_size", 4);
            // broadcasts: many small batches (ClusterBroadcastIT kills a node mid-way), taken over quickly
            s.put("message.broadcast.batch_size", 200);
            s.put("message.broadcast.lease_seconds", 5);
            // settings: The load of these tests is not what client.request_rate_limit is tested with
            s.put("client.request_rate_limit", 0);
            s.putAll(db.settings());
            nodes.put(id, new NodeProcess(id, p, s, logDir, http));
        });
    }

    /**
     * Makes every node run and agree on the membership: on a cold start node 1 first (it forms the cluster), then
     * the others together; afterwards only the nodes that are down, together.
     */
    void ensureAllUp() {
        define();
        List<Integer> down = nodes.values().stream().filter(n -> !n.isAlive()).map(NodeProcess::nodeId).toList();
        if (down.size() == size) {
            node(1).start();
            node(1).awaitReady();
            down = down.subList(1, down.size());
        }
        down.forEach(id -> node(id).start());
        down.forEach(id -> node(id).awaitReady());
        awaitLiveNodes(IntStream.rangeClosed(1, size).boxed().toList());
        if (!down.isEmpty()) {
            phase("nodes " + down + " (re)started; all up");
        }
    }

    /** The database every node uses (tests read it to check what the nodes stored). */
    Postgres.Db db() {
        define();
        return db;
    }

    /** The nodes' {@code cluster.name}. */
    String clusterName() {
        define();
        return clusterName;
    }

    /** The nodes' {@code cluster.members}: {@code host:port,...}. */
    String members() {
        define();
        return members;
    }

    NodeProcess node(int id) {
        define();
        NodeProcess n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return n;
    }

    List<NodeProcess> nodes() {
        define();
        return List.copyOf(nodes.values());
    }

    /** Ids of the nodes whose JVM is running. */
    List<Integer> running() {
        return nodes.values().stream().filter(NodeProcess::isAlive).map(NodeProcess::nodeId).toList();
    }

    /** Waits until every running node's {@code /api/version} lists exactly {@code expected}. */
    void awaitLiveNodes(List<Integer> expected) {
        awaitLiveNodes(expected, Duration.ofSeconds(45));
    }

    void awaitLiveNodes(List<Integer> expected, Duration atMost) {
        for (int id : running()) {
            await("node " + id + " lists live nodes " + expected).atMost(atMost)
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(node(id).liveNodeIds()).isEqualTo(expected));
        }
    }

    /** What a running node announces to the cluster (and so what {@link Rendezvous} hashes over). */
    NodeInfo nodeInfo(int id) {
        NodeProcess n = node(id);
        return new NodeInfo(id, Advertised.plain(n.host(), n.ports().mqtt(), n.ports().http(), n.ports().ws()),
                null, false);
    }

    /** The node a route answer points to, by its advertised host and MQTT port. */
    int nodeIdOf(String host, int longPort) {
        return nodes.values().stream()
                .filter(n -> n.host().equals(host) && n.ports().mqtt() == longPort)
                .mapToInt(NodeProcess::nodeId).findFirst()
                .orElseThrow(() -> new AssertionError("route answered an unknown node " + host + ":" + longPort));
    }

    /** Prints a progress line with the seconds since the fixture was created: where a slow run spends its time. */
    void phase(String what) {
        System.out.printf("[%s +%.1fs] %s%n", name, (System.nanoTime() - created) / 1e9, what);
    }

    /** Kills the nodes when the whole test run is over (a graceful stop would only cost time). */
    @Override
    public void beforeEach(ExtensionContext context) {
        ensureAllUp();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(ClusterFixture.class,
                k -> new Reaper(this));
    }

    /** Closed by JUnit at the end of the run: kills the nodes. */
    private record Reaper(ClusterFixture cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.nodes.values().forEach(NodeProcess::kill9);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder out = new StringBuilder("\n==== " + context.getDisplayName() + " failed; node logs in "
                + Path.of("target", "cluster-it", name).toAbsolutePath() + "\n");
        for (NodeProcess n : nodes.values()) {
            out.append("---- tail of ").append(n.log()).append('\n').append(n.tail(60)).append('\n');
        }
        System.err.println(out);
    }

    /** Five ports free on {@code host} now, all different (see {@link Ports}: they are used across restarts). */
    private static NodeProcess.Ports freePorts(String host) {
        return new NodeProcess.Ports(Ports.free(host), Ports.free(host), Ports.free(host), Ports.free(host),
                Ports.free(host));
    }
}
