package io.hearth.bench.jmh;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.storage.jdbc.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A new empty store of record for one benchmark trial: an H2 file in a temporary directory, or a database on an
 * embedded PostgreSQL 15 server started for the trial on 127.0.0.1 and a free port (durable: fsync and
 * synchronous commit on, as a production server). Called by JMH's setup and teardown thread only.
 */
final class BenchDatabase implements AutoCloseable {

    private final Database db;
    private final EmbeddedPostgres pg;

    private BenchDatabase(Database db, EmbeddedPostgres pg) {
        this.db = db;
        this.pg = pg;
    }

    /** {@code type} is {@code h2} or {@code postgresql}. */
    static BenchDatabase open(String type, int poolSize) throws IOException {
        if (type.equals("h2")) {
            Path dir = Files.createTempDirectory("hearth-jmh");
            String url = "jdbc:h2:file:" + dir.resolve("h").toAbsolutePath();
            return new BenchDatabase(Database.open(config("h2", url, "sa", "", poolSize)), null);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
        try {
            return new BenchDatabase(Database.open(config("postgresql", url, "postgres", "postgres", poolSize)), pg);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private static HearthConfig.Database config(String type, String url, String user, String password, int pool) {
        return new HearthConfig.Database(type, url, user, password, pool, 2048, 100_000);
    }

    Database database() {
        return db;
    }

    /** Creates the timeline heads of {@code users} (as creating the users through the server API does). */
    void createHeads(List<String> users) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO user_heads (user_id, head) VALUES (?, 0)")) {
            for (String u : users) {
                ps.setString(1, u);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void close() {
        db.close();
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException("stopping the benchmark's PostgreSQL", e);
            }
        }
    }
}
