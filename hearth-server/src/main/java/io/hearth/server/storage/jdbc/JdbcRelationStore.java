package io.hearth.server.storage.jdbc;

import io.hearth.server.relation.Friend;
import io.hearth.server.relation.FriendRequest;
import io.hearth.server.relation.RelationStore;
import io.hearth.server.relation.Versions;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Relations in tables {@code friends}, {@code friend_requests} and {@code relation_versions}. A change locks the
 * version rows of its users one by one in user id order ({@code SELECT ... FOR UPDATE}), so changes of the same
 * users on several nodes run one after the other without deadlocks; every row a change writes belongs to a user
 * it locked.
 */
public final class JdbcRelationStore implements RelationStore {

    static final String FRIEND_COLUMNS =
            "user_id, friend_uid, state, blacked, alias, extra, version, created_at, updated_at";
    static final String REQUEST_COLUMNS = """
            from_uid, to_uid, reason, extra, status, to_read, from_version, to_version, created_at, updated_at""";

    private static final String INSERT_VERSIONS = """
            INSERT INTO relation_versions (user_id, friend_version, request_version)
            SELECT ?, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM relation_versions WHERE user_id = ?)""";

    private final Jdbc jdbc;

    public JdbcRelationStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public <T> T change(String operation, Collection<String> users, Function<Changes, T> work) {
        TreeSet<String> ordered = new TreeSet<>(users);
        for (String u : ordered) {
            createVersions(u);
        }
        Object[] result = new Object[1];
        jdbc.transaction(operation, c -> {
            JdbcRelationChanges changes = new JdbcRelationChanges(c);
            for (String u : ordered) {
                changes.lock(u);
            }
            result[0] = work.apply(changes);
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** The user's version row, unless it has one; a row inserted by another writer in between is as good. */
    private void createVersions(String userId) {
        try {
            jdbc.update("create relation versions", INSERT_VERSIONS, ps -> {
                ps.setString(1, userId);
                ps.setString(2, userId);
            });
        } catch (StorageException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    @Override
    public Versions versions(String userId) {
        return jdbc.queryOne("read relation versions",
                "SELECT friend_version, request_version FROM relation_versions WHERE user_id = ?",
                ps -> ps.setString(1, userId), rs -> new Versions(rs.getLong(1), rs.getLong(2)))
                .orElse(Versions.NONE);
    }

    @Override
    public Optional<Friend> friend(String userId, String friendUid) {
        return jdbc.queryOne("find friend", "SELECT " + FRIEND_COLUMNS
                + " FROM friends WHERE user_id = ? AND friend_uid = ?", ps -> {
                    ps.setString(1, userId);
                    ps.setString(2, friendUid);
                }, JdbcRelationStore::friend);
    }

    @Override
    public List<Friend> friendsSince(String userId, long sinceVersion) {
        return jdbc.query("pull friends", "SELECT " + FRIEND_COLUMNS
                + " FROM friends WHERE user_id = ? AND version > ? ORDER BY version", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, sinceVersion);
                }, JdbcRelationStore::friend);
    }

    @Override
    public List<FriendRequest> requestsSince(String userId, long sinceVersion) {
        return jdbc.query("pull friend requests", "SELECT " + REQUEST_COLUMNS
                + " FROM friend_requests WHERE from_uid = ? AND from_version > ? UNION ALL SELECT " + REQUEST_COLUMNS
                + " FROM friend_requests WHERE to_uid = ? AND to_version > ? ORDER BY updated_at", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, sinceVersion);
                    ps.setString(3, userId);
                    ps.setLong(4, sinceVersion);
                }, JdbcRelationStore::request);
    }

    static Friend friend(ResultSet rs) throws SQLException {
        return new Friend(rs.getString("user_id"), rs.getString("friend_uid"), rs.getInt("state"),
                rs.getBoolean("blacked"), rs.getString("alias"), rs.getString("extra"), rs.getLong("version"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    static FriendRequest request(ResultSet rs) throws SQLException {
        return new FriendRequest(rs.getString("from_uid"), rs.getString("to_uid"), rs.getString("reason"),
                rs.getString("extra"), rs.getInt("status"), rs.getBoolean("to_read"), rs.getLong("from_version"),
                rs.getLong("to_version"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    /** Runs one statement of a change, wrapping its {@link SQLException} with the operation's name. */
    static <T> T sql(String operation, Connection c, String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> rows) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            if (rows == null) {
                ps.executeUpdate();
                return null;
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rows.map(rs) : null;
            }
        } catch (SQLException e) {
            throw new StorageException(operation, e);
        }
    }
}
