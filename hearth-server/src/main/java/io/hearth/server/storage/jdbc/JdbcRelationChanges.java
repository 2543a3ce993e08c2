package io.hearth.server.storage.jdbc;

import io.hearth.server.relation.Friend;
import io.hearth.server.relation.FriendRequest;
import io.hearth.server.relation.RelationStore;
import io.hearth.server.relation.Versions;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The writes of one {@link JdbcRelationStore#change} on its connection: the locked users' versions are held here
 * and written back as they are bumped. Confined to the thread running the change.
 */
final class JdbcRelationChanges implements RelationStore.Changes {

    private final Connection c;
    private final Map<String, long[]> versions = new HashMap<>();

    JdbcRelationChanges(Connection c) {
        this.c = c;
    }

    /** Locks the user's version row for the rest of the transaction and remembers its versions. */
    void lock(String userId) {
        long[] v = JdbcRelationStore.sql("lock relation versions", c,
                "SELECT friend_version, request_version FROM relation_versions WHERE user_id = ? FOR UPDATE",
                ps -> ps.setString(1, userId), rs -> new long[] {rs.getLong(1), rs.getLong(2)});
        if (v == null) {
            throw new IllegalStateException("relation versions of " + userId + " missing inside a change");
        }
        versions.put(userId, v);
    }

    @Override
    public Optional<Friend> friend(String userId, String friendUid) {
        return Optional.ofNullable(JdbcRelationStore.sql("find friend", c, "SELECT "
                + JdbcRelationStore.FRIEND_COLUMNS + " FROM friends WHERE user_id = ? AND friend_uid = ?", ps -> {
                    ps.setString(1, userId);
                    ps.setString(2, friendUid);
                }, JdbcRelationStore::friend));
    }

    @Override
    public Optional<FriendRequest> request(String fromUid, String toUid) {
        return Optional.ofNullable(JdbcRelationStore.sql("find friend request", c, "SELECT "
                + JdbcRelationStore.REQUEST_COLUMNS + " FROM friend_requests WHERE from_uid = ? AND to_uid = ?",
                ps -> {
                    ps.setString(1, fromUid);
                    ps.setString(2, toUid);
                }, JdbcRelationStore::request));
    }

    @Override
    public boolean hasUnread(String toUid, long upToVersion) {
        return JdbcRelationStore.sql("find unread friend requests", c, """
                SELECT 1 FROM friend_requests WHERE to_uid = ? AND to_read = FALSE AND to_version <= ?
                FETCH FIRST 1 ROWS ONLY""", ps -> {
                    ps.setString(1, toUid);
                    ps.setLong(2, upToVersion);
                }, rs -> Boolean.TRUE) != null;
    }

    @Override
    public int markRead(String toUid, long upToVersion, long newVersion) {
        locked(toUid);
        return update("mark friend requests read", """
                UPDATE friend_requests SET to_read = TRUE, to_version = ?
                WHERE to_uid = ? AND to_read = FALSE AND to_version <= ?""", ps -> {
                    ps.setLong(1, newVersion);
                    ps.setString(2, toUid);
                    ps.setLong(3, upToVersion);
                });
    }

    @Override
    public long bumpFriend(String userId) {
        return bump(userId, 0, "friend_version");
    }

    @Override
    public long bumpRequest(String userId) {
        return bump(userId, 1, "request_version");
    }

    private long bump(String userId, int index, String column) {
        long[] v = locked(userId);
        long next = v[index] + 1;
        JdbcRelationStore.sql("bump " + column, c, "UPDATE relation_versions SET " + column + " = ? WHERE user_id = ?",
                ps -> {
                    ps.setLong(1, next);
                    ps.setString(2, userId);
                }, null);
        v[index] = next;
        return next;
    }

    @Override
    public Versions versions(String userId) {
        long[] v = locked(userId);
        return new Versions(v[0], v[1]);
    }

    private long[] locked(String userId) {
        long[] v = versions.get(userId);
        if (v == null) {
            throw new IllegalStateException(userId + " is not one of the users this change locked");
        }
        return v;
    }

    @Override
    public void put(Friend f) {
        locked(f.userId());
        int updated = update("update friend", """
                UPDATE friends SET state = ?, blacked = ?, alias = ?, extra = ?, version = ?, updated_at = ?
                WHERE user_id = ? AND friend_uid = ?""", ps -> {
                    ps.setInt(1, f.state());
                    ps.setBoolean(2, f.blacked());
                    ps.setString(3, f.alias());
                    ps.setString(4, f.extra());
                    ps.setLong(5, f.version());
                    ps.setLong(6, f.updatedAt());
                    ps.setString(7, f.userId());
                    ps.setString(8, f.friendUid());
                });
        if (updated == 0) {
            update("insert friend", "INSERT INTO friends (" + JdbcRelationStore.FRIEND_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?)", ps -> {
                        ps.setString(1, f.userId());
                        ps.setString(2, f.friendUid());
                        ps.setInt(3, f.state());
                        ps.setBoolean(4, f.blacked());
                        ps.setString(5, f.alias());
                        ps.setString(6, f.extra());
                        ps.setLong(7, f.version());
                        ps.setLong(8, f.createdAt());
                        ps.setLong(9, f.updatedAt());
                    });
        }
    }

    @Override
    public void put(FriendRequest r) {
        // every writer of a request locks its receiver: sending and handling lock both users, marking read the
        // receiver only (it changes the receiver's side: to_read, to_version)
        locked(r.toUid());
        int updated = update("update friend request", """
                UPDATE friend_requests SET reason = ?, extra = ?, status = ?, to_read = ?, from_version = ?,
                    to_version = ?, created_at = ?, updated_at = ?
                WHERE from_uid = ? AND to_uid = ?""", ps -> {
                    bindRequest(ps, r, 1);
                    ps.setString(9, r.fromUid());
                    ps.setString(10, r.toUid());
                });
        if (updated == 0) {
            update("insert friend request", "INSERT INTO friend_requests (" + JdbcRelationStore.REQUEST_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?)", ps -> {
                        ps.setString(1, r.fromUid());
                        ps.setString(2, r.toUid());
                        bindRequest(ps, r, 3);
                    });
        }
    }

    /** Binds reason .. updated_at (8 parameters) from parameter {@code first}. */
    private static void bindRequest(PreparedStatement ps, FriendRequest r, int first) throws SQLException {
        int i = first;
        ps.setString(i++, r.reason());
        ps.setString(i++, r.extra());
        ps.setInt(i++, r.status());
        ps.setBoolean(i++, r.read());
        ps.setLong(i++, r.fromVersion());
        ps.setLong(i++, r.toVersion());
        ps.setLong(i++, r.createdAt());
        ps.setLong(i, r.updatedAt());
    }

    private int update(String operation, String sql, Jdbc.Binder binder) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(operation, e);
        }
    }
}
