package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.message.SendLimits;
import io.hearth.server.session.ClientIds;
import io.hearth.server.storage.StorageException;
import io.hearth.server.user.User;
import io.hearth.server.user.UserFields;
import io.hearth.server.user.UserIds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The field limits the entry points check are the sizes of the columns that store the fields, on H2 and on
 * PostgreSQL, and a value at a limit fits however it is spelled: H2 counts UTF-16 units, PostgreSQL code points.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ColumnLimitsTest {

    private static final String EMOJI = "\uD83D\uDE00";

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;

    ColumnLimitsTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 2));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("users", "user_id", UserIds.MAX_LENGTH),
                Arguments.of("users", "name", UserFields.NAME),
                Arguments.of("users", "display_name", UserFields.DISPLAY_NAME),
                Arguments.of("users", "portrait", UserFields.PORTRAIT),
                Arguments.of("users", "mobile", UserFields.MOBILE),
                Arguments.of("users", "email", UserFields.EMAIL),
                Arguments.of("users", "address", UserFields.ADDRESS),
                Arguments.of("users", "company", UserFields.COMPANY),
                Arguments.of("users", "social", UserFields.SOCIAL),
                Arguments.of("users", "extra", UserFields.EXTRA),
                Arguments.of("client_sessions", "user_id", UserIds.MAX_LENGTH),
                Arguments.of("client_sessions", "client_id", ClientIds.MAX_LENGTH),
                Arguments.of("messages", "sender", UserIds.MAX_LENGTH),
                Arguments.of("messages", "conv_target", SendLimits.TARGET),
                Arguments.of("messages", "from_client", ClientIds.MAX_LENGTH),
                Arguments.of("messages", "client_message_id", SendLimits.CLIENT_MESSAGE_ID),
                Arguments.of("messages", "to_users", SendLimits.TO_USERS_COLUMN),
                Arguments.of("timeline", "user_id", UserIds.MAX_LENGTH),
                Arguments.of("user_heads", "user_id", UserIds.MAX_LENGTH));
    }

    @ParameterizedTest(name = "{0}.{1} is VARCHAR({2})")
    @MethodSource("columns")
    void eachLimitIsTheSizeOfItsColumn(String table, String column, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT character_maximum_length FROM information_schema.columns
                WHERE lower(table_name) = ? AND lower(column_name) = ?""")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("column %s.%s exists", table, column).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(limit);
            }
        }
    }

    @Test
    void toUsersAtTheirLimitFitTheJoinedColumn() {
        assertThat(SendLimits.TO_USERS * (UserIds.MAX_LENGTH + 1) - 1).isLessThanOrEqualTo(SendLimits.TO_USERS_COLUMN);
    }

    @Test
    void aUserWithEveryFieldAtItsLimitInEmojiOrAccentsIsStoredAndReadBackUnchanged() {
        JdbcUserStore store = new JdbcUserStore(db);
        for (String unit : new String[] {"x", "\u00e9", EMOJI}) {
            String id = fill(unit.equals("x") ? "a" : unit, UserIds.MAX_LENGTH);
            User u = new User(id, fill(unit, UserFields.NAME), fill(unit, UserFields.DISPLAY_NAME),
                    fill(unit, UserFields.PORTRAIT), 0, fill(unit, UserFields.MOBILE), fill(unit, UserFields.EMAIL),
                    fill(unit, UserFields.ADDRESS), fill(unit, UserFields.COMPANY), fill(unit, UserFields.SOCIAL),
                    fill(unit, UserFields.EXTRA), 0, false, 1, 2);
            assertThat(UserFields.check(u)).isSameAs(u);

            store.upsert(u);

            assertThat(store.find(id)).as("spelled with %s", unit).contains(u);
        }
    }

    @Test
    void oneUnitOverTheLimitIsRefusedByTheDatabaseItself() {
        JdbcUserStore store = new JdbcUserStore(db);
        User tooLong = new User("u", "name", null, null, 0, fill("x", UserFields.MOBILE + 1), null, null, null, null,
                null, 0, false, 1, 2);

        assertThatThrownBy(() -> store.upsert(tooLong)).isInstanceOf(StorageException.class);
    }

    /** Why limits count UTF-16 units: counted in code points, a limit would let H2 overflow. */
    @Test
    void h2CountsAnEmojiAsTwoCharactersAndPostgresqlAsOne() {
        JdbcUserStore store = new JdbcUserStore(db);
        User emoji = new User("u", "name", null, null, 0, EMOJI.repeat(UserFields.MOBILE), null, null, null, null,
                null, 0, false, 1, 2);

        if (backend == Backend.H2) {
            assertThatThrownBy(() -> store.upsert(emoji)).isInstanceOf(StorageException.class);
        } else {
            store.upsert(emoji);
            assertThat(store.find("u")).contains(emoji);
        }
    }

    /** {@code unit} repeated to exactly {@code length} UTF-16 units (an emoji is two). */
    private static String fill(String unit, int length) {
        return unit.repeat(length / unit.length()) + "x".repeat(length % unit.length());
    }
}
