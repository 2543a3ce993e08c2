package io.hearth.server.testing;

import io.hearth.server.bootstrap.HearthServer;
import io.hearth.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Hearth node for integration tests: every listener on 127.0.0.1 port 0, an H2 file database in a
 * temporary directory that survives {@link #restart()}, and a signed server API client.
 */
public final class TestNode implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, Object> settings;
    private final Clock clock;
    private HearthServer server;
    private final AdminCaller admin;

    private TestNode(Path dataDir, Map<String, Object> settings, Clock clock) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.clock = clock;
        this.server = boot();
        this.admin = new AdminCaller(this);
    }

    /** Starts a node with test defaults plus {@code overrides} (config key → value). */
    public static TestNode start(Map<String, Object> overrides) {
        return start(overrides, Clock.systemUTC());
    }

    /** Starts a node as {@link #start(Map)} whose every part reads time from {@code clock}. */
    public static TestNode start(Map<String, Object> overrides, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("hearth-it");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("host", "127.0.0.1");
            s.put("server.ip", "127.0.0.1");
            s.put("port", 0);
            s.put("websocket_port", 0);
            s.put("local_port", 0);
            s.put("http_port", 0);
            s.put("http.admin.port", 0);
            s.put("db.url", "jdbc:h2:file:" + dir.resolve("hearth").toAbsolutePath());
            s.put("server.worker_threads", 2);
            // settings: Tests drive single clients far beyond 100 requests in 5 s (bursts, resends, load);
            // the tests of the limit itself (RateLimitIT) set it
            s.put("client.request_rate_limit", 0);
            s.putAll(overrides);
            return new TestNode(dir, s, clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestNode start() {
        return start(Map.of());
    }

    private HearthServer boot() {
        ConfigLoader loader = new ConfigLoader();
        settings.forEach(loader::set);
        return HearthServer.start(loader.load(), clock);
    }

    /** Stops the node and starts it again on the same database (new ports). */
    public void restart() {
        server.close();
        server = boot();
    }

    public HearthServer server() {
        return server;
    }

    public AdminCaller admin() {
        return admin;
    }

    /** The loopback address every listener binds ({@code host}; 127.0.0.1 unless overridden). */
    public String host() {
        return String.valueOf(settings.get("host"));
    }

    public int mqttPort() {
        return server.mqttPort();
    }

    public int wsPort() {
        return server.wsPort();
    }

    public int httpPort() {
        return server.httpPort();
    }

    public int adminPort() {
        return server.adminPort();
    }

    public String httpUrl() {
        return "http://" + host() + ":" + httpPort();
    }

    /** How many live nodes this node's {@code /api/version} lists (0 when it does not answer). */
    public int liveNodes() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(httpUrl() + "/api/version")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("liveNodeIds")
                    .size();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public String adminUrl() {
        return "http://" + host() + ":" + adminPort();
    }

    public String secret() {
        return String.valueOf(settings.getOrDefault("http.admin.secret_key", "123456"));
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.close();
    }
}
