package io.hearth.server.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.server.deploy.nginx.Deployment;
import io.hearth.server.deploy.nginx.Mode;
import io.hearth.server.deploy.nginx.NginxConfig;
import io.hearth.server.deploy.nginx.Node;
import io.hearth.server.deploy.nginx.NodeKeys;
import io.hearth.server.deploy.nginx.PortPlan;
import io.hearth.server.deploy.nginx.Tls;
import io.hearth.server.testing.NginxProcess;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One deployment as an operator builds it: three Hearth nodes (in this JVM, one PostgreSQL database, one cluster)
 * on 127.0.0.11–13, and the real Debian nginx on {@link #ENTRY} in front of them, both configured from what
 * {@code hearth nginx} generates for {@code mode} — the nginx file, and the keys it prints for each node. TLS
 * everywhere from one test CA: nginx terminates HTTPS and WSS with a certificate for the entry, nodes serve MQTT over
 * TLS themselves with the same certificate (it names the entry and every node address).
 */
final class Deployed implements AutoCloseable {

    static final String ENTRY = "127.0.0.20";
    static final int NODES = 3;

    final Mode mode;
    final TestPki pki;
    final Deployment deployment;
    final List<TestNode> nodes = new ArrayList<>();
    private final Path dir;
    private NginxProcess nginx;

    private Deployed(Mode mode, Path dir, TestPki pki, Deployment deployment) {
        this.mode = mode;
        this.dir = dir;
        this.pki = pki;
        this.deployment = deployment;
    }

    static String hostOf(int nodeId) {
        return "127.0.0.1" + nodeId;
    }

    static Deployed start(Mode mode) {
        try {
            Path dir = Files.createTempDirectory("hearth-deploy-" + mode.label());
            TestPki pki = TestPki.create(dir.resolve("pki"));
            TestPki.Server cert = pki.server("hearth", "localhost", ENTRY, hostOf(1), hostOf(2), hostOf(3));
            Path store = cert.pkcs12("store-pass");
            List<Node> nodes = new ArrayList<>();
            Map<Integer, Map<String, Object>> settings = new LinkedHashMap<>();
            Postgres.Db db = Postgres.newDatabase();
            String cluster = "deploy-it-" + UUID.randomUUID().toString().substring(0, 8);
            Map<Integer, Integer> clusterPorts = new LinkedHashMap<>();
            for (int id = 1; id <= NODES; id++) {
                clusterPorts.put(id, Ports.free(hostOf(id)));
            }
            String members = clusterPorts.entrySet().stream().map(e -> hostOf(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(","));
            for (int id = 1; id <= NODES; id++) {
                String host = hostOf(id);
                Node n = new Node(id, host, host, Ports.free(host), Ports.free(host), Ports.free(host),
                        Ports.free(host));
                nodes.add(n);
                Map<String, Object> s = new LinkedHashMap<>(db.settings());
                s.put("node_id", id);
                s.put("host", host);
                s.put("cluster.host", host);
                s.put("cluster.port", clusterPorts.get(id));
                s.put("cluster.members", members);
                s.put("cluster.name", cluster);
                s.put("cluster.failure_timeout_seconds", 5);
                s.put("port", n.port());
                s.put("local_port", n.localPort());
                s.put("http_port", n.localPort());
                s.put("websocket_port", n.websocketPort());
                s.put("ssl_port", n.sslPort());
                s.put("jks_path", store.toString());
                s.put("key_store_password", "store-pass");
                s.put("http.admin.port", 0);
                s.put("server.worker_threads", 1);
                s.put("db.pool_size", 4);
                settings.put(id, s);
            }
            Deployment d = plan(mode, nodes, new Tls(cert.chainPem().toString(), cert.keyPem().toString()));
            Deployed deployed = new Deployed(mode, dir, pki, d);
            try {
                for (Node n : nodes) {
                    Map<String, Object> s = settings.get(n.nodeId());
                    s.putAll(NodeKeys.of(d, n));
                    deployed.nodes.add(TestNode.start(s));
                }
                deployed.awaitOneCluster();
                deployed.startNginx(NginxConfig.render(d));
                return deployed;
            } catch (RuntimeException | Error e) {
                deployed.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Entry ports that are free on the entry and, for single entry (where each node binds its unique long and TLS
     * port itself), on the nodes too.
     */
    private static Deployment plan(Mode mode, List<Node> nodes, Tls tls) {
        int http = Ports.free(ENTRY);
        int https = Ports.free(ENTRY);
        for (int attempt = 0; attempt < 50; attempt++) {
            // five bases 200 apart, each + node ids 1..3: all below the ephemeral range, like Ports
            int first = ThreadLocalRandom.current().nextInt(100, 310) * 100;
            PortPlan plan = PortPlan.from(first, 200);
            Deployment d = Deployment.builder(mode, ENTRY, nodes).listen(ENTRY).httpPort(http)
                    .httpsPort(https).tls(tls).ports(plan).build();
            if (allFree(d)) {
                for (Node n : d.nodes()) {
                    var p = d.portsOf(n);
                    Ports.claim(p.longPort(), p.httpPort(), p.wsPort(), p.wssPort(), p.sslPort());
                }
                return d;
            }
        }
        throw new IllegalStateException("no free port range for nginx on " + ENTRY);
    }

    private static boolean allFree(Deployment d) {
        for (Node n : d.nodes()) {
            var p = d.portsOf(n);
            for (int port : new int[] {p.longPort(), p.httpPort(), p.wsPort(), p.wssPort(), p.sslPort()}) {
                if (port > 0 && (!Ports.available(ENTRY, port) || !Ports.available(n.host(), port))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until every node lists every node as live (joins and node records replicate asynchronously). */
    private void awaitOneCluster() {
        List<Integer> all = nodes.stream().map(n -> n.server().config().nodeId()).toList();
        for (TestNode n : nodes) {
            await("node " + n.host() + " lists live nodes " + all).atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> liveNodeIds(n).equals(all));
        }
    }

    private static List<Integer> liveNodeIds(TestNode n) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(n.httpUrl() + "/api/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Integer> ids = new ArrayList<>();
        new ObjectMapper().readTree(r.body()).path("liveNodeIds").forEach(id -> ids.add(id.asInt()));
        return ids;
    }

    /** (Re)starts nginx on {@code config}: the generated file, or a broken variant of it. */
    void startNginx(String config) {
        try {
            if (nginx != null) {
                nginx.close();
            }
            Path run = dir.resolve("nginx-" + System.nanoTime());
            Path prefix = NginxProcess.prefix(run);
            Path conf = run.resolve("nginx.conf");
            Files.writeString(conf, config);
            nginx = NginxProcess.start(prefix, conf, ENTRY, deployment.httpPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start nginx: " + e.getMessage(), e);
        }
    }

    /** Runs nginx on the generated config changed by {@code edit}. */
    void startNginx(UnaryOperator<String> edit) {
        startNginx(edit.apply(NginxConfig.render(deployment)));
    }

    String http() {
        return "http://" + ENTRY + ":" + deployment.httpPort();
    }

    String https() {
        return "https://" + ENTRY + ":" + deployment.httpsPort();
    }

    TestNode node(int nodeId) {
        return nodes.get(nodeId - 1);
    }


    @Override
    public void close() {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } catch (Exception e) {
            // best effort: the nodes must still stop
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
