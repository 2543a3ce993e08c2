package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.sensitive.SensitiveWords;
import io.hearth.server.setting.SystemSetting;
import io.hearth.server.setting.UserSetting;
import io.hearth.server.setting.UserSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the settings feature relies on from {@link JdbcSettingStore}, {@link JdbcSystemSettingStore} and
 * {@link JdbcSensitiveWordStore}, on H2 and on PostgreSQL: strictly increasing versions per user also under
 * concurrent writers and a clock that goes back, values at the limits the entry points check, and a word list whose
 * version moves with every change.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcSettingStoreTest {

    private static final String EMOJI = "\uD83D\uDE00";

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcSettingStore settings;

    JdbcSettingStoreTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 8));
        settings = new JdbcSettingStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void versionsStrictlyIncreaseAndAPullReturnsWhatChangedSince() {
        assertThat(settings.head("u")).isZero();
        UserSetting a = settings.put("u", 1, "k", "1", 1000);
        UserSetting b = settings.put("u", 1000, "k", "x", 1000); // same millisecond
        UserSetting c = settings.put("u", 1, "k", "0", 500); // the clock went back
        assertThat(a.version()).isEqualTo(1000);
        assertThat(b.version()).isEqualTo(1001);
        assertThat(c.version()).isEqualTo(1002);
        assertThat(settings.head("u")).isEqualTo(1002);
        assertThat(settings.since("u", 0, 10)).containsExactly(b, c);
        assertThat(settings.since("u", 1001, 10)).containsExactly(c);
        assertThat(settings.since("u", 0, 1)).containsExactly(b);
        assertThat(settings.find("u", 1, "k")).contains(c);
        assertThat(settings.find("u", 2, "k")).isEmpty();
        assertThat(settings.head("other")).isZero();
    }

    @Test
    void concurrentWritersOfOneUserGetDistinctVersions() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CyclicBarrier start = new CyclicBarrier(writers);
            List<CompletableFuture<UserSetting>> puts = IntStream.range(0, writers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return settings.put("busy", 1000 + i, "k", "v" + i, 5000);
                    }, pool)).toList();
            Set<Long> versions = puts.stream().map(f -> f.join().version()).collect(Collectors.toSet());
            assertThat(versions).hasSize(writers);
            long newest = versions.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(settings.head("busy")).isEqualTo(newest);
            assertThat(settings.since("busy", 0, 100)).hasSize(writers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysAndValuesAtTheCheckedLimitsFitHoweverSpelled() {
        String key = EMOJI.repeat(UserSettings.MAX_KEY / 2);
        String value = EMOJI.repeat(UserSettings.MAX_VALUE / 2);
        settings.put("u", 1000, key, value, 1);
        assertThat(settings.find("u", 1000, key)).map(UserSetting::value).contains(value);
        String ascii = "k".repeat(UserSettings.MAX_KEY);
        settings.put("u", 1000, ascii, "v".repeat(UserSettings.MAX_VALUE), 2);
        assertThat(settings.find("u", 1000, ascii)).isPresent();
    }

    @Test
    void systemSettingsAreCreatedAndOverwritten() {
        JdbcSystemSettingStore system = new JdbcSystemSettingStore(db);
        assertThat(system.find(1)).isEmpty();
        system.put(new SystemSetting(1, "500", "max"));
        system.put(new SystemSetting(1, "600", ""));
        assertThat(system.find(1)).contains(new SystemSetting(1, "600", ""));
    }

    @Test
    void theWordListVersionMovesWithEveryChangeAndWordsAreKeptOnce() throws SQLException {
        JdbcSensitiveWordStore words = new JdbcSensitiveWordStore(db);
        long v0 = words.version();
        words.add(List.of("b", "a"), 1);
        words.add(List.of("a", EMOJI.repeat(SensitiveWords.MAX_WORD / 2)), 2);
        assertThat(words.all()).containsExactlyInAnyOrder("a", "b", EMOJI.repeat(SensitiveWords.MAX_WORD / 2));
        long v2 = words.version();
        assertThat(v2).isEqualTo(v0 + 2);
        words.remove(List.of("b", "never"));
        assertThat(words.all()).doesNotContain("b").contains("a");
        assertThat(words.version()).isEqualTo(v2 + 1);
        words.recordHits(42, "u", List.of("a", "b"), 3);
        words.recordHits(42, "u", List.of("a"), 4); // a repeated record is kept once
        assertThat(hits(42)).containsExactly("u/a/3", "u/b/3");
    }

    private List<String> hits(long uid) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sender, word, hit_at FROM sensitive_hits WHERE message_uid = ? ORDER BY word")) {
            ps.setLong(1, uid);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3));
                }
            }
            return out;
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
