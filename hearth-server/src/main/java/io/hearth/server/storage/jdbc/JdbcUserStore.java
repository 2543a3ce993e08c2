package io.hearth.server.storage.jdbc;

import io.hearth.server.storage.StorageException;
import io.hearth.server.user.ProfileField;
import io.hearth.server.user.User;
import io.hearth.server.user.UserSearch;
import io.hearth.server.user.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users in table {@code users}. Creating a user also creates its timeline head ({@code user_heads}) in the same
 * transaction, so that message writers on several nodes never race to create the head of a new user. Changes of
 * single fields and destroys are one conditional UPDATE each, so concurrent changes of different fields never undo
 * each other.
 */
public final class JdbcUserStore implements UserStore {

    private static final String COLUMNS = """
            user_id, name, display_name, portrait, gender, mobile, email, address, company, social, extra,
            user_type, deleted, created_at, updated_at""";

    private static final int IN_CHUNK = 200;

    /** The head of a new user's timeline, unless it has one (rows written outside the server). */
    private static final String INSERT_HEAD = """
            INSERT INTO user_heads (user_id, head)
            SELECT ?, COALESCE((SELECT MAX(t.seq) FROM timeline t WHERE t.user_id = ?), 0)
            WHERE NOT EXISTS (SELECT 1 FROM user_heads h WHERE h.user_id = ?)""";

    /** The next update time: the parameter, or one more than the stored one when that is not earlier. */
    private static final String NEXT_UPDATE = "GREATEST(updated_at + 1, ?)";

    private final Jdbc jdbc;

    public JdbcUserStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<User> find(String userId) {
        return jdbc.queryOne("find user", "SELECT " + COLUMNS + " FROM users WHERE user_id = ?",
                ps -> ps.setString(1, userId), JdbcUserStore::map);
    }

    @Override
    public Optional<User> findByName(String name) {
        return jdbc.queryOne("find user by name",
                "SELECT " + COLUMNS + " FROM users WHERE name = ? AND deleted = FALSE ORDER BY created_at",
                ps -> ps.setString(1, name), JdbcUserStore::map);
    }

    @Override
    public Optional<User> findByMobile(String mobile) {
        return jdbc.queryOne("find user by mobile",
                "SELECT " + COLUMNS + " FROM users WHERE mobile = ? AND deleted = FALSE ORDER BY created_at",
                ps -> ps.setString(1, mobile), JdbcUserStore::map);
    }

    @Override
    public Set<String> existing(Collection<String> userIds) {
        Set<String> out = new HashSet<>();
        List<String> all = new ArrayList<>(userIds);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            String sql = "SELECT user_id FROM users WHERE deleted = FALSE AND user_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            out.addAll(jdbc.query("find users", sql, ps -> {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setString(j + 1, chunk.get(j));
                }
            }, rs -> rs.getString(1)));
        }
        return out;
    }

    @Override
    public void upsert(User u) {
        if (update(u) > 0) {
            return;
        }
        try {
            jdbc.transaction("insert user", c -> {
                try (PreparedStatement user = c.prepareStatement(
                        "INSERT INTO users (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                     PreparedStatement head = c.prepareStatement(INSERT_HEAD)) {
                    user.setString(1, u.userId());
                    bindFields(user, u, 2);
                    user.setLong(14, u.createdAt());
                    user.setLong(15, u.updatedAt());
                    user.executeUpdate();
                    head.setString(1, u.userId());
                    head.setString(2, u.userId());
                    head.setString(3, u.userId());
                    head.executeUpdate();
                }
            });
        } catch (StorageException raced) {
            // another request or node inserted the same id in between: overwrite it, as create is an upsert
            if (!Jdbc.isUniqueViolation(raced) || update(u) == 0) {
                throw raced;
            }
        }
    }

    @Override
    public List<User> findByEmail(String email) {
        return jdbc.query("find users by email",
                "SELECT " + COLUMNS + " FROM users WHERE email = ? AND deleted = FALSE ORDER BY user_id",
                ps -> ps.setString(1, email), JdbcUserStore::map);
    }

    @Override
    public List<User> findAll(Collection<String> userIds) {
        List<User> out = new ArrayList<>();
        List<String> all = new ArrayList<>(new HashSet<>(userIds));
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            String sql = "SELECT " + COLUMNS + " FROM users WHERE user_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            out.addAll(jdbc.query("find users", sql, ps -> {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setString(j + 1, chunk.get(j));
                }
            }, JdbcUserStore::map));
        }
        return out;
    }

    @Override
    public List<User> page(int offset, int count) {
        return jdbc.query("list users",
                "SELECT " + COLUMNS + " FROM users WHERE deleted = FALSE ORDER BY user_id LIMIT ? OFFSET ?", ps -> {
                    ps.setInt(1, count);
                    ps.setInt(2, offset);
                }, JdbcUserStore::map);
    }

    @Override
    public List<User> search(UserSearch q) {
        if (!q.matchesAnything()) {
            return List.of();
        }
        List<String> match = new ArrayList<>();
        List<String> args = new ArrayList<>();
        if (q.fuzzy() && q.byDisplayName()) {
            match.add("LOWER(display_name) LIKE ? ESCAPE '!'");
            args.add("%" + likeEscaped(q.keyword().toLowerCase(Locale.ROOT)) + "%");
        }
        exact(match, args, q.byName(), "name", q.keyword());
        exact(match, args, q.byMobile(), "mobile", q.keyword());
        exact(match, args, q.byUserId(), "user_id", q.keyword());
        exact(match, args, q.byDisplayName() && !q.fuzzy(), "display_name", q.keyword());
        String sql = "SELECT " + COLUMNS + " FROM users WHERE deleted = FALSE"
                + (q.includeRobots() ? "" : " AND user_type <> 1")
                + " AND (" + String.join(" OR ", match) + ") ORDER BY user_id LIMIT ? OFFSET ?";
        return jdbc.query("search users", sql, ps -> {
            int i = 1;
            for (String a : args) {
                ps.setString(i++, a);
            }
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
        }, JdbcUserStore::map);
    }

    private static void exact(List<String> match, List<String> args, boolean on, String column, String keyword) {
        if (on) {
            match.add(column + " = ?");
            args.add(keyword);
        }
    }

    /** The keyword with LIKE's wildcards (and the escape character, {@code !}) escaped. */
    static String likeEscaped(String keyword) {
        return keyword.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public boolean update(String userId, Map<ProfileField, Object> values, long now) {
        List<ProfileField> fields = new ArrayList<>(values.keySet());
        StringBuilder set = new StringBuilder();
        for (ProfileField f : fields) {
            set.append(f.column()).append(" = ?, ");
        }
        String sql = "UPDATE users SET " + set + "updated_at = " + NEXT_UPDATE
                + " WHERE user_id = ? AND deleted = FALSE";
        return jdbc.update("update user fields", sql, ps -> {
            int i = 1;
            for (ProfileField f : fields) {
                Object v = values.get(f);
                if (v instanceof Integer n) {
                    ps.setInt(i++, n);
                } else {
                    ps.setString(i++, (String) v);
                }
            }
            ps.setLong(i++, now);
            ps.setString(i, userId);
        }) > 0;
    }

    @Override
    public boolean destroy(String userId, String displayName, long now) {
        return jdbc.update("destroy user", "UPDATE users SET name = user_id, display_name = ?, portrait = NULL,"
                + " gender = 0, mobile = NULL, email = NULL, address = NULL, company = NULL, social = NULL,"
                + " extra = NULL, deleted = TRUE, updated_at = " + NEXT_UPDATE
                + " WHERE user_id = ? AND deleted = FALSE", ps -> {
                    ps.setString(1, displayName);
                    ps.setLong(2, now);
                    ps.setString(3, userId);
                }) > 0;
    }

    @Override
    public List<String> destroyedSince(long since) {
        return jdbc.query("find destroyed users", "SELECT user_id FROM users WHERE updated_at >= ? AND deleted = TRUE",
                ps -> ps.setLong(1, since), rs -> rs.getString(1));
    }

    /**
     * Overwrites every field but the creation time, and moves the update time forward past the stored one even when
     * a concurrent update stored a later time than {@code u}'s; the number of rows updated (0 or 1).
     */
    private int update(User u) {
        return jdbc.update("update user", """
                UPDATE users SET name = ?, display_name = ?, portrait = ?, gender = ?, mobile = ?, email = ?,
                    address = ?, company = ?, social = ?, extra = ?, user_type = ?, deleted = ?,
                    updated_at = """ + NEXT_UPDATE + " WHERE user_id = ?", ps -> {
                    bindFields(ps, u, 1);
                    ps.setLong(13, u.updatedAt());
                    ps.setString(14, u.userId());
                });
    }

    /** Binds name .. deleted (12 parameters) starting at parameter {@code first}. */
    private static void bindFields(PreparedStatement ps, User u, int first) throws SQLException {
        int i = first;
        ps.setString(i++, u.name());
        ps.setString(i++, u.displayName());
        ps.setString(i++, u.portrait());
        ps.setInt(i++, u.gender());
        ps.setString(i++, u.mobile());
        ps.setString(i++, u.email());
        ps.setString(i++, u.address());
        ps.setString(i++, u.company());
        ps.setString(i++, u.social());
        ps.setString(i++, u.extra());
        ps.setInt(i++, u.type());
        ps.setBoolean(i, u.deleted());
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("user_id"), rs.getString("name"), rs.getString("display_name"),
                rs.getString("portrait"), rs.getInt("gender"), rs.getString("mobile"), rs.getString("email"),
                rs.getString("address"), rs.getString("company"), rs.getString("social"), rs.getString("extra"),
                rs.getInt("user_type"), rs.getBoolean("deleted"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
