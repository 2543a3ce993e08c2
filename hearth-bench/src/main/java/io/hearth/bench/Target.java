package io.hearth.bench;

import io.hearth.client.admin.AdminClient;
import io.hearth.server.bootstrap.HearthServer;
import io.hearth.server.config.ConfigLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server under test: an external node (addresses given) or one started in this JVM on a temporary database
 * (H2, or PostgreSQL 15 started for the run on loopback, durable). {@link #store} is the node's database when the
 * bench may read it (embedded, or given by the caller), for counting what was written; otherwise null.
 */
public final class Target implements AutoCloseable {

    /** Where the node's database is, for JDBC reads by the bench. */
    public record Store(String url, String user, String password) {
    }

    public final String host;
    public final int mqttPort;
    public final int wsPort;
    public final AdminClient admin;
    /** Base URL of the node's admin port (server API and {@code /metrics}). */
    public final URI adminUrl;
    public final Store store;
    private final HearthServer embedded;
    private final EmbeddedPostgres postgres;

    private Target(String host, int mqttPort, int wsPort, URI adminUrl, String secret, Store store,
                   HearthServer embedded, EmbeddedPostgres postgres) {
        this.host = host;
        this.mqttPort = mqttPort;
        this.wsPort = wsPort;
        this.adminUrl = adminUrl;
        this.admin = new AdminClient(adminUrl, secret);
        this.store = store;
        this.embedded = embedded;
        this.postgres = postgres;
    }

    public static Target external(String host, int mqttPort, int wsPort, String adminUrl, String secret) {
        return external(host, mqttPort, wsPort, adminUrl, secret, null);
    }

    /** An external node whose database the bench may read at {@code store} (null: it may not). */
    public static Target external(String host, int mqttPort, int wsPort, String adminUrl, String secret, Store store) {
        return new Target(host, mqttPort, wsPort, URI.create(adminUrl), secret, store, null, null);
    }

    public static Target embedded(String secret) throws Exception {
        return embedded(secret, "h2");
    }

    /** A node in this JVM on a new database: {@code db} is {@code h2} (a temporary file) or {@code postgresql}. */
    public static Target embedded(String secret, String db) throws Exception {
        EmbeddedPostgres pg = null;
        Store store;
        if (db.equals("postgresql")) {
            pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            store = new Store("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", "postgres");
        } else if (db.equals("h2")) {
            Path dir = Files.createTempDirectory("hearth-bench");
            store = new Store("jdbc:h2:file:" + dir.resolve("hearth").toAbsolutePath(), "sa", "");
        } else {
            throw new IllegalArgumentException("database must be h2 or postgresql, not " + db);
        }
        try {
            HearthServer s = HearthServer.start(new ConfigLoader()
                    .set("host", "127.0.0.1").set("server.ip", "127.0.0.1")
                    .set("port", 0).set("websocket_port", 0).set("local_port", 0).set("http_port", 0)
                    .set("http.admin.port", 0).set("http.admin.secret_key", secret)
                    // a benchmark sender is one client sending far more than client.request_rate_limit allows
                    .set("client.request_rate_limit", 0)
                    // and its setup (users, groups, a token per session) far more server API calls than
                    // http.admin.rate_limit allows in 10 s
                    .set("http.admin.rate_limit", 0)
                    .set("db.type", db).set("db.url", store.url())
                    .set("db.user", store.user()).set("db.password", store.password())
                    .load());
            return new Target("127.0.0.1", s.mqttPort(), s.wsPort(), URI.create("http://127.0.0.1:" + s.adminPort()),
                    secret, store, s, pg);
        } catch (RuntimeException e) {
            if (pg != null) {
                pg.close();
            }
            throw e;
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
