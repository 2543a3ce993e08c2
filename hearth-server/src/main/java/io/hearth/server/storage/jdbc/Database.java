package io.hearth.server.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and schema of the store of record. Opening it migrates the schema with Flyway; a database
 * that cannot be reached fails the start with the URL in the message.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public static Database open(HearthConfig.Database cfg) {
        Dialect dialect = Dialect.of(cfg.type());
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(dialect == Dialect.H2 ? h2Url(cfg.url()) : cfg.url());
        hc.setUsername(cfg.user());
        hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.poolSize());
        hc.setPoolName("hearth-db");
        hc.setAutoCommit(true);
        // the message writer's head locks rely on it: SELECT ... FOR UPDATE waits for a concurrent writer and then
        // reads the head it committed (under REPEATABLE READ PostgreSQL would fail the batch instead)
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        dialect.configure(hc, cfg.lockTimeoutMillis(), cfg.socketTimeoutSeconds());
        hc.setConnectionTimeout(5000);
        hc.setInitializationFailTimeout(10000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StorageException("connecting to database " + cfg.url(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .placeholders(dialect.placeholders())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StorageException("migrating database " + cfg.url(), e);
        }
        return new Database(ds, dialect);
    }

    /**
     * H2 file databases: the node closes the database itself on shutdown, and every commit reaches the file before
     * the client is acknowledged (WRITE_DELAY=0), so a killed process loses no acknowledged message.
     */
    private static String h2Url(String url) {
        if (url.startsWith("jdbc:h2:file:") && !url.contains(";")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        }
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** True when a connection can be taken and validated within a second. */
    public boolean healthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
