package io.hearth.server.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.util.Comparator;
import java.util.Map;

/**
 * The differences between H2 and PostgreSQL that the SQL has to know about: in the migrations the binary column
 * type, the storage setting of {@code user_heads}, the collation and generated-column form of
 * {@code messages.conv_key} and the full-text index of {@code messages.searchable} (V10); the session settings of
 * every pooled connection (lock timeout, keepalive); and the order in which the message writer locks timeline heads.
 *
 * <p>That order must be one total order for every writer of the database, in Java (which sorts the users and cuts
 * them into chunks) and in SQL (which locks each chunk with {@code ORDER BY ... FOR UPDATE}). PostgreSQL sorts text
 * by the database's collation, which on a typical {@code en_US.UTF-8} database puts {@code "a"} before {@code "B"}
 * where Java puts it after, so two nodes could lock the same heads in opposite orders and deadlock. PostgreSQL
 * therefore locks in {@code COLLATE "C"} (byte order of the encoding, that is code point order) and Java sorts by
 * code point. H2 compares strings as {@link String#compareTo} does.
 */
public enum Dialect {
    H2("VARBINARY", "COMMENT ON TABLE user_heads IS 'newest timeline seq of every user'", "",
            Comparator.naturalOrder()),
    POSTGRESQL("BYTEA", "ALTER TABLE user_heads SET (fillfactor = 50)", " COLLATE \"C\"", Dialect::compareCodePoints);

    private final String bytesType;
    private final String headsPageRoom;
    private final String binaryCollation;
    private final Comparator<String> lockOrder;

    Dialect(String bytesType, String headsPageRoom, String binaryCollation, Comparator<String> lockOrder) {
        this.bytesType = bytesType;
        this.headsPageRoom = headsPageRoom;
        this.binaryCollation = binaryCollation;
        this.lockOrder = lockOrder;
    }

    public static Dialect of(String dbType) {
        return dbType.equals("postgresql") ? POSTGRESQL : H2;
    }

    /**
     * Settings of every connection of the pool. Both: a statement waits at most {@code lockTimeoutMillis} for a row
     * lock (PostgreSQL then fails it with 55P03, H2 with HYT00; see {@link io.hearth.server.storage.SqlStates}).
     * PostgreSQL also gets TCP keepalive, a socket timeout ({@code socketTimeoutSeconds}, 0 = none) and
     * {@code idle_in_transaction_session_timeout} of twice the lock timeout, so that the server ends the transaction
     * of a hung node (and frees the heads it locked) before the other nodes' writers run out of retries, and
     * {@code reWriteBatchedInserts}, which sends a JDBC batch of one-row {@code INSERT}s as multi-row ones (the
     * writer's message rows, the sensitive words; its update counts are then unknown, -2, which no store reads).
     */
    void configure(HikariConfig hc, int lockTimeoutMillis, int socketTimeoutSeconds) {
        if (this == POSTGRESQL) {
            hc.addDataSourceProperty("tcpKeepAlive", "true");
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            hc.addDataSourceProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
            hc.addDataSourceProperty("options", "-c lock_timeout=" + lockTimeoutMillis
                    + " -c idle_in_transaction_session_timeout=" + 2L * lockTimeoutMillis);
        } else {
            hc.setConnectionInitSql("SET LOCK_TIMEOUT " + lockTimeoutMillis);
        }
    }

    /** Flyway placeholders used by the migrations. */
    Map<String, String> placeholders() {
        return Map.of("bytes", bytesType, "heads_page_room", headsPageRoom, "binary_collation", binaryCollation,
                "generated_stored", this == POSTGRESQL ? " STORED" : "",
                "search_index", this == POSTGRESQL
                        ? "CREATE INDEX messages_search ON messages USING GIN (to_tsvector('simple', searchable))"
                        : "COMMENT ON COLUMN messages.searchable IS 'matched with LIKE by message.search'");
    }

    /** {@code column} as an ORDER BY term that sorts exactly as {@link #lockOrder()}. */
    String lockOrderBy(String column) {
        return column + binaryCollation;
    }

    /** The order in which the writer locks users' heads. */
    Comparator<String> lockOrder() {
        return lockOrder;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
