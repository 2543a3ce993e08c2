package io.hearth.server.storage.jdbc;

import io.hearth.server.chatroom.BlackStatus;
import io.hearth.server.chatroom.RoomInfo;
import io.hearth.server.chatroom.ChatroomStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/**
 * Chatrooms in {@code chatrooms}, their black statuses in {@code chatroom_blacks} and managers in
 * {@code chatroom_managers}; upserts are update, else insert, and a lost insert race updates again.
 */
public final class JdbcChatroomStore implements ChatroomStore {

    private final Jdbc jdbc;

    public JdbcChatroomStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<RoomInfo> find(String chatroomId) {
        return jdbc.queryOne("find chatroom", """
                SELECT chatroom_id, title, descr, portrait, extra, state, mute_all, create_dt, update_dt
                FROM chatrooms WHERE chatroom_id = ?""", ps -> ps.setString(1, chatroomId),
                rs -> new RoomInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7) != 0, rs.getLong(8), rs.getLong(9)));
    }

    @Override
    public void upsert(RoomInfo info) {
        if (update(info) > 0) {
            return;
        }
        try {
            jdbc.update("insert chatroom", """
                    INSERT INTO chatrooms (chatroom_id, title, descr, portrait, extra, state, mute_all, create_dt,
                        update_dt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
                        ps.setString(1, info.chatroomId());
                        ps.setString(2, info.title());
                        ps.setString(3, info.desc());
                        ps.setString(4, info.portrait());
                        ps.setString(5, info.extra());
                        ps.setInt(6, info.state());
                        ps.setInt(7, info.muteAll() ? 1 : 0);
                        ps.setLong(8, info.createDt());
                        ps.setLong(9, info.updateDt());
                    });
        } catch (RuntimeException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            update(info);
        }
    }

    private int update(RoomInfo info) {
        return jdbc.update("update chatroom", """
                UPDATE chatrooms SET title = ?, descr = ?, portrait = ?, extra = ?, state = ?, mute_all = ?,
                    update_dt = ? WHERE chatroom_id = ?""", ps -> {
                    ps.setString(1, info.title());
                    ps.setString(2, info.desc());
                    ps.setString(3, info.portrait());
                    ps.setString(4, info.extra());
                    ps.setInt(5, info.state());
                    ps.setInt(6, info.muteAll() ? 1 : 0);
                    ps.setLong(7, info.updateDt());
                    ps.setString(8, info.chatroomId());
                });
    }

    @Override
    public boolean delete(String chatroomId) {
        boolean[] existed = new boolean[1];
        jdbc.transaction("delete chatroom", c -> {
            delete(c, "DELETE FROM chatroom_blacks WHERE chatroom_id = ?", chatroomId);
            delete(c, "DELETE FROM chatroom_managers WHERE chatroom_id = ?", chatroomId);
            existed[0] = delete(c, "DELETE FROM chatrooms WHERE chatroom_id = ?", chatroomId) > 0;
        });
        return existed[0];
    }

    private static int delete(Connection c, String sql, String chatroomId) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chatroomId);
            return ps.executeUpdate();
        }
    }

    @Override
    public void setBlack(String chatroomId, BlackStatus s) {
        jdbc.transaction("set chatroom black status", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM chatroom_blacks WHERE chatroom_id = ? AND user_id = ?")) {
                ps.setString(1, chatroomId);
                ps.setString(2, s.userId());
                ps.executeUpdate();
            }
            if (s.state() == BlackStatus.NONE) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO chatroom_blacks (chatroom_id, user_id, state, expired_time) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, chatroomId);
                ps.setString(2, s.userId());
                ps.setInt(3, s.state());
                ps.setLong(4, s.expiredTime());
                ps.executeUpdate();
            }
        });
    }

    @Override
    public List<BlackStatus> blacks(String chatroomId) {
        return jdbc.query("list chatroom black statuses",
                "SELECT user_id, state, expired_time FROM chatroom_blacks WHERE chatroom_id = ? ORDER BY user_id",
                ps -> ps.setString(1, chatroomId), rs -> new BlackStatus(rs.getString(1), rs.getInt(2),
                        rs.getLong(3)));
    }

    @Override
    public void setManager(String chatroomId, String userId, boolean manager) {
        jdbc.update("remove chatroom manager", "DELETE FROM chatroom_managers WHERE chatroom_id = ? AND user_id = ?",
                ps -> {
                    ps.setString(1, chatroomId);
                    ps.setString(2, userId);
                });
        if (manager) {
            try {
                jdbc.update("add chatroom manager", "INSERT INTO chatroom_managers (chatroom_id, user_id) VALUES (?, ?)",
                        ps -> {
                            ps.setString(1, chatroomId);
                            ps.setString(2, userId);
                        });
            } catch (RuntimeException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<String> managers(String chatroomId) {
        return jdbc.query("list chatroom managers",
                "SELECT user_id FROM chatroom_managers WHERE chatroom_id = ? ORDER BY user_id",
                ps -> ps.setString(1, chatroomId), rs -> rs.getString(1));
    }
}
