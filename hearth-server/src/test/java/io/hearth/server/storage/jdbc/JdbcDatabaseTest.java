package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.user.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening a database: the migrations on H2 and PostgreSQL, and several nodes starting on one database. */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcDatabaseTest {

    private final Backend backend;
    @TempDir
    Path dir;

    JdbcDatabaseTest(Backend backend) {
        this.backend = backend;
    }

    /** The versions of the migration scripts in the jar (V<n>__*.sql), in order: every one must have run. */
    private static String[] shippedMigrations() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(JdbcDatabaseTest.class
                .getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(
                            Integer::parseInt)).toArray(String[]::new);
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void migratesANewDatabaseWithTheDialectsTypes() throws SQLException {
        try (Database db = Database.open(backend.newDatabase(dir, 2)); Connection c = db.connection()) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT "version" FROM "flyway_schema_history" WHERE "success" AND "version" IS NOT NULL
                    ORDER BY "installed_rank\"""")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            assertThat(versions).containsExactly(shippedMigrations());
            assertThat(columnType(c, "messages", "content"))
                    .isEqualToIgnoringCase(backend == Backend.H2 ? "BINARY VARYING" : "bytea");
            assertThat(columnType(c, "users", "deleted")).isEqualToIgnoringCase("boolean");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            if (backend == Backend.POSTGRESQL) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'user_heads'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("room for HOT head updates").isEqualTo("fillfactor=50");
                }
            }
        }
    }

    @Test
    void nodesStartingOnOneNewDatabaseAtOnceAllSucceed() throws Exception {
        HearthConfig.Database cfg = backend.newDatabase(dir, 2);
        List<CompletableFuture<Database>> opens = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            opens.add(CompletableFuture.supplyAsync(() -> Database.open(cfg)));
        }
        List<Database> open = new ArrayList<>();
        try {
            for (CompletableFuture<Database> f : opens) {
                open.add(f.get(60, TimeUnit.SECONDS));
            }
            new JdbcUserStore(open.get(0)).upsert(new User("u", "n", null, null, 0, null, null,
                    null, null, null, null, 0, false, 1, 1));
            assertThat(new JdbcUserStore(open.get(1)).existing(List.of("u"))).containsExactly("u");
        } finally {
            open.forEach(Database::close);
        }
        try (Database again = Database.open(cfg)) {
            assertThat(again.healthy()).isTrue();
        }
    }

    private static String columnType(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT data_type FROM information_schema.columns
                WHERE LOWER(table_name) = ? AND LOWER(column_name) = ?""")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("column %s.%s", table, column).isTrue();
                return rs.getString(1);
            }
        }
    }
}
