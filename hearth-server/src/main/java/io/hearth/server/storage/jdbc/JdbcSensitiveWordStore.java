package io.hearth.server.storage.jdbc;

import io.hearth.server.sensitive.SensitiveWordStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The sensitive-word list in {@code sensitive_words}, its version in the one row of {@code sensitive_version}, hits in
 * {@code sensitive_hits}. A change locks the version row first, so concurrent changes (several nodes) are applied
 * one after the other and each moves the version.
 */
public final class JdbcSensitiveWordStore implements SensitiveWordStore {

    private final Jdbc jdbc;

    public JdbcSensitiveWordStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public List<String> all() {
        return jdbc.query("list sensitive words", "SELECT word FROM sensitive_words ORDER BY word", ps -> {
        }, rs -> rs.getString(1));
    }

    @Override
    public long version() {
        return jdbc.queryOne("sensitive-word version", "SELECT version FROM sensitive_version WHERE id = 1", ps -> {
        }, rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public void add(Collection<String> words, long now) {
        jdbc.transaction("add sensitive words", c -> {
            bumpVersion(c);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sensitive_words (word, created_at)
                    SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sensitive_words w WHERE w.word = ?)""")) {
                for (String w : words) {
                    ps.setString(1, w);
                    ps.setLong(2, now);
                    ps.setString(3, w);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public void remove(Collection<String> words) {
        jdbc.transaction("delete sensitive words", c -> {
            bumpVersion(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sensitive_words WHERE word = ?")) {
                for (String w : words) {
                    ps.setString(1, w);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Locks the version row for the transaction (a concurrent change waits) and moves it forward. */
    private static void bumpVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sensitive_version SET version = version + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
    }

    @Override
    public void recordHits(long messageUid, String sender, Collection<String> words, long at) {
        jdbc.transaction("record sensitive hits", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sensitive_hits (message_uid, sender, word, hit_at)
                    SELECT ?, ?, ?, ? WHERE NOT EXISTS
                        (SELECT 1 FROM sensitive_hits h WHERE h.message_uid = ? AND h.word = ?)""")) {
                for (String w : words) {
                    String word = w.length() > 256 ? w.substring(0, 256) : w;
                    ps.setLong(1, messageUid);
                    ps.setString(2, sender);
                    ps.setString(3, word);
                    ps.setLong(4, at);
                    ps.setLong(5, messageUid);
                    ps.setString(6, word);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
