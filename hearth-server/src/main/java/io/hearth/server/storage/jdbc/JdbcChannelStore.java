package io.hearth.server.storage.jdbc;

import io.hearth.server.channel.ChannelInfo;
import io.hearth.server.channel.ChannelStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Channels in {@code channels}, subscriptions in {@code channel_subscribers} (V16). */
public final class JdbcChannelStore implements ChannelStore {

    private static final String COLUMNS = "channel_id, name, portrait, owner, description, extra, callback, secret,"
            + " automatic, state, menus, created_at, updated_at";

    private final Jdbc jdbc;

    public JdbcChannelStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public boolean create(ChannelInfo c) {
        try {
            jdbc.update("create channel", "INSERT INTO channels (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    ps -> {
                        ps.setString(1, c.channelId());
                        ps.setString(2, c.name());
                        ps.setString(3, c.portrait());
                        ps.setString(4, c.owner());
                        ps.setString(5, c.desc());
                        ps.setString(6, c.extra());
                        ps.setString(7, c.callback());
                        ps.setString(8, c.secret());
                        ps.setInt(9, c.automatic());
                        ps.setInt(10, c.state());
                        ps.setString(11, c.menus());
                        ps.setLong(12, c.createdAt());
                        ps.setLong(13, c.updatedAt());
                    });
            return true;
        } catch (RuntimeException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<ChannelInfo> find(String channelId) {
        return jdbc.queryOne("find channel", "SELECT " + COLUMNS + " FROM channels WHERE channel_id = ?",
                ps -> ps.setString(1, channelId), JdbcChannelStore::map);
    }

    @Override
    public void update(ChannelInfo c) {
        jdbc.update("update channel", "UPDATE channels SET name = ?, portrait = ?, description = ?, extra = ?,"
                + " callback = ?, secret = ?, automatic = ?, state = ?, menus = ?, updated_at = ? WHERE channel_id = ?",
                ps -> {
                    ps.setString(1, c.name());
                    ps.setString(2, c.portrait());
                    ps.setString(3, c.desc());
                    ps.setString(4, c.extra());
                    ps.setString(5, c.callback());
                    ps.setString(6, c.secret());
                    ps.setInt(7, c.automatic());
                    ps.setInt(8, c.state());
                    ps.setString(9, c.menus());
                    ps.setLong(10, c.updatedAt());
                    ps.setString(11, c.channelId());
                });
    }

    @Override
    public boolean delete(String channelId) {
        boolean[] gone = new boolean[1];
        jdbc.transaction("delete channel", c -> {
            try (var ps = c.prepareStatement("DELETE FROM channel_subscribers WHERE channel_id = ?")) {
                ps.setString(1, channelId);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("DELETE FROM channels WHERE channel_id = ?")) {
                ps.setString(1, channelId);
                gone[0] = ps.executeUpdate() == 1;
            }
        });
        return gone[0];
    }

    @Override
    public boolean subscribe(String channelId, String userId, boolean on, long now) {
        if (!on) {
            return jdbc.update("unsubscribe", "DELETE FROM channel_subscribers WHERE channel_id = ? AND user_id = ?",
                    ps -> {
                        ps.setString(1, channelId);
                        ps.setString(2, userId);
                    }) == 1;
        }
        if (subscribed(channelId, userId)) {
            return false;
        }
        try {
            jdbc.update("subscribe", "INSERT INTO channel_subscribers (channel_id, user_id, created_at) VALUES (?,?,?)",
                    ps -> {
                        ps.setString(1, channelId);
                        ps.setString(2, userId);
                        ps.setLong(3, now);
                    });
            return true;
        } catch (RuntimeException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean subscribed(String channelId, String userId) {
        return jdbc.queryOne("subscribed", "SELECT 1 FROM channel_subscribers WHERE channel_id = ? AND user_id = ?",
                ps -> {
                    ps.setString(1, channelId);
                    ps.setString(2, userId);
                }, rs -> true).isPresent();
    }

    @Override
    public List<String> subscribers(String channelId) {
        return jdbc.query("subscribers", "SELECT user_id FROM channel_subscribers WHERE channel_id = ? ORDER BY user_id",
                ps -> ps.setString(1, channelId), rs -> rs.getString(1));
    }

    @Override
    public List<String> channelsOf(String userId) {
        return jdbc.query("channels of", "SELECT channel_id FROM channel_subscribers WHERE user_id = ?"
                + " ORDER BY channel_id", ps -> ps.setString(1, userId), rs -> rs.getString(1));
    }

    private static ChannelInfo map(ResultSet rs) throws SQLException {
        return new ChannelInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11),
                rs.getLong(12), rs.getLong(13));
    }
}
