package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.user.BlockStore;
import io.hearth.server.user.ProfileField;
import io.hearth.server.user.Robot;
import io.hearth.server.user.User;
import io.hearth.server.user.UserFields;
import io.hearth.server.user.UserIds;
import io.hearth.server.user.UserSearch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the users feature relies on from its stores: field updates that never move the update time back,
 * destroy, search with LIKE wildcards taken literally, block statuses read by change time, robots, and the robots
 * columns as long as their limits; on H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcUserProfilesTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcUserStore users;

    JdbcUserProfilesTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 2));
        users = new JdbcUserStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void create(String id, String displayName, int type) {
        users.upsert(new User(id, id + "-name", displayName, "p", 1, id + "-mobile", id + "@x", "a", "c", "s", "e",
                type, false, 100, 1000));
    }

    @Test
    void updateChangesTheGivenFieldsAndAlwaysMovesTheUpdateTimeForward() {
        create("u", "U", 0);
        Map<ProfileField, Object> change = new EnumMap<>(ProfileField.class);
        change.put(ProfileField.DISPLAY_NAME, "New");
        change.put(ProfileField.GENDER, 2);
        change.put(ProfileField.MOBILE, null);

        assertThat(users.update("u", change, 500)).isTrue();
        User u = users.find("u").orElseThrow();
        assertThat(u.displayName()).isEqualTo("New");
        assertThat(u.gender()).isEqualTo(2);
        assertThat(u.mobile()).isNull();
        assertThat(u.email()).isEqualTo("u@x");
        assertThat(u.updatedAt()).as("a clock behind the stored time").isEqualTo(1001);
        assertThat(users.update("u", Map.of(ProfileField.EXTRA, "x"), 5000)).isTrue();
        assertThat(users.find("u").orElseThrow().updatedAt()).isEqualTo(5000);
        assertThat(users.update("nobody", change, 6000)).isFalse();
    }

    @Test
    void destroyClearsEverythingButTheGivenDisplayNameOnce() {
        create("d", "Dee", 0);

        assertThat(users.destroy("d", "Dee", 2000)).isTrue();
        User d = users.find("d").orElseThrow();
        assertThat(d.deleted()).isTrue();
        assertThat(d.name()).isEqualTo("d");
        assertThat(d.displayName()).isEqualTo("Dee");
        assertThat(d.mobile()).isNull();
        assertThat(d.extra()).isNull();
        assertThat(users.destroy("d", null, 3000)).as("destroyed before").isFalse();
        assertThat(users.update("d", Map.of(ProfileField.EXTRA, "x"), 3000)).isFalse();
        assertThat(users.destroyedSince(2000)).containsExactly("d");
        assertThat(users.destroyedSince(2001)).isEmpty();
        assertThat(users.page(0, 10)).isEmpty();
        assertThat(users.findAll(List.of("d", "nobody"))).extracting(User::userId).containsExactly("d");
    }

    @Test
    void searchTakesWildcardsLiterallyAndLeavesOutRobotsAndDestroyedUsers() {
        create("a", "100% Sure_thing!", 0);
        create("b", "100 Sure thing", 0);
        create("bot", "100% Sure bot", 1);
        create("gone", "100% Sure gone", 0);
        users.destroy("gone", "100% Sure gone", 5000);

        assertThat(ids(fuzzy("0% sure", false))).containsExactly("a");
        assertThat(ids(fuzzy("0% sure", true))).containsExactly("a", "bot");
        assertThat(ids(fuzzy("e_t", false))).containsExactly("a");
        assertThat(ids(fuzzy("g!", false))).containsExactly("a");
        assertThat(ids(users.search(new UserSearch("b-mobile", false, false, true, false, false, false, 0, 10))))
                .containsExactly("b");
        assertThat(ids(users.search(new UserSearch("b", false, true, true, false, false, false, 0, 10))))
                .as("user ids only when asked").isEmpty();
        assertThat(ids(users.search(new UserSearch("b", false, false, false, true, false, false, 0, 10))))
                .containsExactly("b");
        assertThat(ids(users.search(new UserSearch("x", false, false, false, false, false, false, 0, 10)))).isEmpty();
    }

    private List<User> fuzzy(String keyword, boolean robots) {
        return users.search(new UserSearch(keyword, true, false, false, false, true, robots, 0, 10));
    }

    private static List<String> ids(List<User> list) {
        return list.stream().map(User::userId).toList();
    }

    @Test
    void blockStatusesAreSetListedAndReadByChangeTime() {
        JdbcBlockStore blocks = new JdbcBlockStore(db);
        blocks.set("m", 1, 100);
        blocks.set("b", 2, 200);
        blocks.set("m", 0, 300);

        assertThat(blocks.status("m")).isZero();
        assertThat(blocks.status("b")).isEqualTo(2);
        assertThat(blocks.status("nobody")).isZero();
        assertThat(blocks.blocked()).extracting(BlockStore.Blocked::userId).containsExactly("b");
        assertThat(blocks.changedSince(200)).extracting(BlockStore.Blocked::userId).containsExactly("b", "m");
        assertThat(blocks.changedSince(301)).isEmpty();
    }

    @Test
    void robotsAreUpsertedListedAndFoundByOwner() {
        JdbcRobotStore robots = new JdbcRobotStore(db);
        robots.upsert(new Robot("r1", "o", "s1", null, null));
        robots.upsert(new Robot("r2", "o", "s2", "http://cb", "{}"));
        robots.upsert(new Robot("r1", "p", "s3", "http://x", null));

        assertThat(robots.find("r1")).contains(new Robot("r1", "p", "s3", "http://x", null));
        assertThat(robots.ownedBy("o")).containsExactly("r2");
        assertThat(robots.page(0, 10)).extracting(Robot::userId).containsExactly("r1", "r2");
        assertThat(robots.page(1, 10)).extracting(Robot::userId).containsExactly("r2");
        assertThat(robots.find("none")).isEmpty();
    }

    @Test
    void theNewColumnsAreAsLongAsTheirLimits() throws SQLException {
        assertLength("robots", "user_id", UserIds.MAX_LENGTH);
        assertLength("robots", "owner", UserIds.MAX_LENGTH);
        assertLength("robots", "secret", Robot.SECRET);
        assertLength("robots", "callback", Robot.CALLBACK);
        assertLength("robots", "robot_extra", UserFields.EXTRA);
        assertLength("user_status", "user_id", UserIds.MAX_LENGTH);
    }

    private void assertLength(String table, String column, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT character_maximum_length FROM information_schema.columns
                WHERE lower(table_name) = ? AND lower(column_name) = ?""")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("column %s.%s exists", table, column).isTrue();
                assertThat(rs.getInt(1)).as("%s.%s", table, column).isEqualTo(limit);
            }
        }
    }
}
