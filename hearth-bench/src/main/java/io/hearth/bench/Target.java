package io.hearth.bench;

import io.hearth.client.admin.AdminClient;
import io.hearth.server.bootstrap.HearthServer;
import io.hearth.server.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server under test: an external node (addresses given) or one started in this JVM on a temporary database. */
public final class Target implements AutoCloseable {

    public final String host;
    public final int mqttPort;
    public final int wsPort;
    public final AdminClient admin;
    /** Base URL of the node's admin port (server API and {@code /metrics}). */
    public final URI adminUrl;
    private final HearthServer embedded;

    private Target(String host, int mqttPort, int wsPort, URI adminUrl, String secret, HearthServer embedded) {
        this.host = host;
        this.mqttPort = mqttPort;
        this.wsPort = wsPort;
        this.adminUrl = adminUrl;
        this.admin = new AdminClient(adminUrl, secret);
        this.embedded = embedded;
    }

    public static Target external(String host, int mqttPort, int wsPort, String adminUrl, String secret) {
        return new Target(host, mqttPort, wsPort, URI.create(adminUrl), secret, null);
    }

    public static Target embedded(String secret) throws Exception {
        Path dir = Files.createTempDirectory("hearth-bench");
        HearthServer s = HearthServer.start(new ConfigLoader()
                .set("host", "127.0.0.1").set("server.ip", "127.0.0.1")
                .set("port", 0).set("websocket_port", 0).set("local_port", 0).set("http_port", 0)
                .set("http.admin.port", 0).set("http.admin.secret_key", secret)
                // a benchmark sender is one client sending far more than client.request_rate_limit allows
                .set("client.request_rate_limit", 0)
                .set("db.url", "jdbc:h2:file:" + dir.resolve("hearth").toAbsolutePath())
                .load());
        return new Target("127.0.0.1", s.mqttPort(), s.wsPort(), URI.create("http://127.0.0.1:" + s.adminPort()),
                secret, s);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
