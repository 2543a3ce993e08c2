package io.hearth.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: one per test JVM, started on first use on 127.0.0.1 and a free port, stopped
 * (and its data directory removed) by a shutdown hook. Every {@link #newDatabase()} is a new empty database, so
 * tests never see each other's rows. The server comes from zonky's Maven artifacts (no system package); as root it
 * runs in a user namespace, because PostgreSQL refuses to run as root. Durability is off (fsync), as nothing here
 * survives the JVM.
 *
 * <p>Tests that start Hearth nodes as separate processes pass them {@link Db#url()} (or {@link Db#settings()}).
 */
public final class Postgres {

    private static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** How to reach one test database: the JDBC URL with user and password (the server trusts loopback). */
    public record Db(String name, String url, String user, String password) {

        /** The config keys that point a node at this database. */
        public Map<String, Object> settings() {
            return Map.of("db.type", "postgresql", "db.url", url, "db.user", user, "db.password", password);
        }
    }

    /** Creates a new empty database (starting the server on first call). */
    public static Db newDatabase() {
        return newDatabase("");
    }

    /**
     * Creates a new empty database with options of {@code CREATE DATABASE}, such as another collation:
     * {@code TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'}.
     */
    public static Db newDatabase(String createOptions) {
        EmbeddedPostgres pg = server();
        String name = "hearth_" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " " + createOptions);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Db(name, "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, USER, "postgres");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start();
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "postgres-stop"));
        }
        return server;
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
        }
    }

    private static void stop(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            System.err.println("stopping the test PostgreSQL server: " + e);
        }
    }
}
