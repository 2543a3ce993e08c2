package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.HistoryStore.Cursor;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL plans of history and search for a user with 10,000 messages in 50 conversations among 30,000
 * messages: a page reads a range of {@code messages_conv_time} and probes {@code timeline_user_message} (never the
 * user's whole timeline); a search of a rare word starts from the full-text index {@code messages_search}. The plans
 * with their timings are written to {@code target/history-plans.txt} (docs/benchmarks.md quotes them); the test
 * asserts only which indexes they use.
 */
class HistoryPlansTest {

    static final String USER = "u-main";
    static final int PEERS = 50;
    static final int PER_PEER = 200;
    static final int NOISE_PAIRS = 20;
    static final int PER_NOISE_PAIR = 1000;

    @TempDir
    static Path dir;
    private static Database db;
    private static JdbcHistoryStore history;
    private static final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void seed() throws SQLException {
        db = Database.open(Backend.POSTGRESQL.newDatabase(dir, 2));
        history = new JdbcHistoryStore(db);
        JdbcMessageStore messages = new JdbcMessageStore(db);
        List<String[]> plan = new ArrayList<>();
        for (int i = 0; i < PER_PEER; i++) {
            for (int p = 0; p < PEERS; p++) {
                String peer = String.format("peer-%02d", p);
                boolean mine = i % 2 == 0;
                String word = p == 7 && i % 40 == 0 ? " aurora" : "";
                plan.add(new String[]{mine ? USER : peer, mine ? peer : USER, "note " + i + word});
            }
        }
        for (int i = 0; i < PER_NOISE_PAIR; i++) {
            for (int n = 0; n < NOISE_PAIRS; n++) {
                String word = i % 40 == 0 ? " aurora" : "";
                plan.add(new String[]{"x-" + n, "y-" + n, "note " + i + word});
            }
        }
        long uid = 1;
        long time = 1_700_000_000_000L;
        Map<String, Long> heads = new HashMap<>();
        for (int from = 0; from < plan.size(); from += 1000) {
            List<StoredMessage> batch = new ArrayList<>();
            List<TimelineEntry> entries = new ArrayList<>();
            for (String[] s : plan.subList(from, Math.min(plan.size(), from + 1000))) {
                StoredMessage m = new StoredMessage(uid++, s[0],
                        Conversation.newBuilder().setType(0).setTarget(s[1]).build(), "c", null,
                        MessageContent.newBuilder().setType(1).setSearchableContent(s[2]).build(), List.of(), time++,
                        0);
                batch.add(m);
                for (String u : List.of(s[0], s[1])) {
                    entries.add(new TimelineEntry(u, heads.merge(u, 1L, Long::sum), m.messageUid(), m.serverTime()));
                }
            }
            messages.write(tx -> {
                tx.lockHeads(entries.stream().map(TimelineEntry::userId).distinct().toList());
                tx.append(batch, entries);
            });
        }
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
        report.append("PostgreSQL 15 (zonky embedded, fsync off), ").append(plan.size()).append(" messages, ")
                .append(USER).append(" has ").append(PEERS * PER_PEER).append(" in ").append(PEERS)
                .append(" conversations\n\n");
    }

    @AfterAll
    static void write() throws IOException {
        Files.writeString(Path.of("target/history-plans.txt"), report);
        System.out.println(report);
        db.close();
    }

    private static String explain(String title, JdbcHistoryStore.Query q) throws SQLException {
        // warm once, then the plan with its timing
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.connection()) {
            for (int run = 0; run < 2; run++) {
                plan.setLength(0);
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + q.sql())) {
                    q.binder().bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
            }
        }
        report.append("### ").append(title).append("\n").append(plan).append('\n');
        return plan.toString();
    }

    static Conversation peer(int p) {
        return Conversation.newBuilder().setType(0).setTarget(String.format("peer-%02d", p)).build();
    }

    @Test
    void aHistoryPageReadsARangeOfTheConversationIndex() throws SQLException {
        String newest = explain("load_history, newest page (scan 400)",
                history.conversationQuery(USER, peer(7), null, 400));
        assertThat(newest).contains("messages_conv_time").contains("timeline_user_message")
                .doesNotContain("Seq Scan");
        long middle = history.conversation(USER, peer(7), null, 100).get(99).message().messageUid();
        Cursor at = history.position(middle).orElseThrow();
        String older = explain("load_history, page before the 100th newest", history.conversationQuery(USER, peer(7),
                at, 400));
        assertThat(older).contains("messages_conv_time").doesNotContain("Seq Scan");
    }

    @Test
    void aSearchOfARareWordStartsFromTheFullTextIndex() throws SQLException {
        String rare = explain("search 'aurora' (in 5 of the user's messages, 500 others), 20",
                history.searchQuery(USER, "aurora", null, Set.of(), null, 20));
        assertThat(rare).contains("messages_search");
        assertThat(history.search(USER, "aurora", null, Set.of(), null, 20)).hasSize(5);
        explain("search 'note' (in every message), 20", history.searchQuery(USER, "note", null, Set.of(), null, 20));
        String inConv = explain("search 'note' in one conversation, 20",
                history.searchQuery(USER, "note", peer(7), Set.of(), null, 20));
        assertThat(inConv).doesNotContain("Seq Scan on messages");
    }
}
