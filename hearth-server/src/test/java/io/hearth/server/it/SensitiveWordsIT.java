package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.SettingsIT.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sensitive-word list of the server API ({@code /admin/sensitive/add}, {@code del}, {@code query}) and each
 * {@code sensitive.filter.type} on a node of its own: 0 refuses a client message with 242, 1 accepts it and drops it,
 * 2 masks each word with {@code ***}, 3 sends it and records the hit (on PostgreSQL, where the test reads the table).
 * Server API sends are not filtered; the list survives a restart.
 */
class SensitiveWordsIT {

    private static TestNode reject;
    private static TestNode drop;
    private static TestNode replace;
    private static TestNode record;
    private static Postgres.Db recordDb;

    @BeforeAll
    static void start() {
        reject = TestNode.start(Map.of("sensitive.filter.type", 0));
        drop = TestNode.start(Map.of("sensitive.filter.type", 1));
        replace = TestNode.start(Map.of("sensitive.filter.type", 2));
        recordDb = Postgres.newDatabase();
        Map<String, Object> s = new HashMap<>(recordDb.settings());
        s.put("sensitive.filter.type", 3);
        record = TestNode.start(s);
    }

    @AfterAll
    static void stop() {
        for (TestNode n : new TestNode[] {reject, drop, replace, record}) {
            if (n != null) {
                n.close();
            }
        }
    }

    // ---- the list ----

    @Test
    void wordsAreAddedQueriedAndDeletedWithTheReferenceFieldNames() {
        String a = id("alpha");
        String b = id("beta");
        String c = id("gamma");
        assertCode(reject.admin().call("/admin/sensitive/add", Map.of("words", List.of(a, b))), 0, "success");
        // a bare array is accepted too; a word already listed is not listed twice
        assertCode(reject.admin().call("/admin/sensitive/add", List.of(b, c)), 0, "success");
        JsonNode q = reject.admin().call("/admin/sensitive/query", Map.of());
        assertThat(q.path("code").asInt()).isZero();
        assertThat(words(q)).contains(a, b, c).doesNotHaveDuplicates().isSorted();

        assertCode(reject.admin().call("/admin/sensitive/del", Map.of("words", List.of(a, c))), 0, "success");
        assertThat(words(reject.admin().call("/admin/sensitive/query", null))).contains(b).doesNotContain(a, c);
        // deleting a word that is not listed is not an error
        assertCode(reject.admin().call("/admin/sensitive/del", Map.of("words", List.of(id("never")))), 0, "success");
    }

    @Test
    void badListInputsAre251() {
        assertCode(reject.admin().call("/admin/sensitive/add", Map.of()), 251, "missing words");
        assertCode(reject.admin().call("/admin/sensitive/del", Map.of()), 251, "missing words");
        assertCode(reject.admin().call("/admin/sensitive/add", Map.of("words", "bad")), 251, "must be an array");
        assertCode(reject.admin().call("/admin/sensitive/add", Map.of("words", List.of("ok", 3))), 251,
                "words[1] is not a string");
        assertCode(reject.admin().call("/admin/sensitive/add", Map.of("words", List.of(" "))), 251,
                "words[0] is empty");
        assertCode(reject.admin().call("/admin/sensitive/add", Map.of("words", List.of("x".repeat(257)))), 251,
                "longer than 256");
    }

    // ---- each filter type ----

    @Test
    void typeZeroRefusesAClientMessageWith242AndNobodyReceivesIt() {
        String word = id("forbidden");
        addWord(reject, word);
        try (Chat chat = Chat.open(reject)) {
            Reply r = chat.send("this has " + word.toUpperCase() + " in it");
            assertThat(r.getCode()).isEqualTo(242);
            assertThat(r.getMsg()).contains("sensitive word");
            SendMessageRequest inContent = SendMessageRequest.newBuilder(Fixtures.text(chat.bob.userId, "clean"))
                    .setContent(MessageContent.newBuilder().setType(1).setContent("{\"x\":\"" + word + "\"}")
                            .setPersistFlag(3)).build();
            assertThat(chat.alice.call(Methods.MESSAGE_SEND, inContent).getCode()).as("word in content").isEqualTo(242);
            assertThat(chat.send("nothing wrong here").getCode()).isZero();
            assertThat(chat.bobsTexts()).containsExactly("nothing wrong here");
        }
    }

    @Test
    void serverApiSendsAreNotFiltered() {
        String word = id("official");
        addWord(reject, word);
        Login alice = Fixtures.newUser(reject, "alice");
        Login bob = Fixtures.newUser(reject, "bob");
        JsonNode sent = reject.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "conv", Map.of("type", 0, "target", bob.userId(), "line", 0),
                "payload", Map.of("type", 1, "searchableContent", "notice: " + word, "persistFlag", 3)));
        assertThat(sent.path("code").asInt()).as("%s", sent).isZero();
    }

    @Test
    void typeOneAcceptsAndDropsTheMessage() {
        String word = id("swallowed");
        addWord(drop, word);
        try (Chat chat = Chat.open(drop)) {
            Reply r = chat.send("a " + word);
            assertThat(r.getCode()).isZero();
            assertThat(r.getSend().getMessageUid()).isNotZero();
            assertThat(chat.send("after it").getCode()).isZero();
            assertThat(chat.bobsTexts()).containsExactly("after it");
        }
    }

    @Test
    void typeTwoReplacesEachWordWithStars() {
        String word = id("masked");
        addWord(replace, word);
        try (Chat chat = Chat.open(replace)) {
            SendMessageRequest req = SendMessageRequest.newBuilder(Fixtures.text(chat.bob.userId,
                    word + " and " + word + "!")).setContent(MessageContent.newBuilder().setType(1)
                    .setSearchableContent(word + " and " + word + "!").setContent("data " + word).setPersistFlag(3))
                    .build();
            assertThat(chat.alice.call(Methods.MESSAGE_SEND, req).getCode()).isZero();
            List<Message> got = chat.bobsMessages();
            assertThat(got).hasSize(1);
            assertThat(got.get(0).getContent().getSearchableContent()).isEqualTo("*** and ***!");
            assertThat(got.get(0).getContent().getContent()).isEqualTo("data ***");
        }
    }

    @Test
    void typeThreeSendsTheMessageAndRecordsTheHit() throws SQLException {
        String word = id("watched");
        addWord(record, word);
        try (Chat chat = Chat.open(record)) {
            Reply r = chat.send("look: " + word);
            assertThat(r.getCode()).isZero();
            long uid = r.getSend().getMessageUid();
            assertThat(chat.bobsTexts()).containsExactly("look: " + word);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(hits(uid)).containsExactly(chat.alice.userId + "/" + word));
            long clean = chat.send("clean").getSend().getMessageUid();
            assertThat(chat.bobsTexts()).hasSize(2);
            assertThat(hits(clean)).isEmpty();
        }
    }

    @Test
    void aDeletedWordIsNoLongerEnforcedAndTheListSurvivesARestart() {
        String kept = id("kept");
        String deleted = id("deleted");
        addWord(reject, kept);
        addWord(reject, deleted);
        reject.admin().call("/admin/sensitive/del", Map.of("words", List.of(deleted)));
        try (Chat chat = Chat.open(reject)) {
            assertThat(chat.send("now " + deleted).getCode()).isZero();
        }
        reject.restart();
        assertThat(words(reject.admin().call("/admin/sensitive/query", Map.of()))).contains(kept)
                .doesNotContain(deleted);
        try (Chat chat = Chat.open(reject)) {
            assertThat(chat.send("still " + kept).getCode()).isEqualTo(242);
        }
    }

    // ---- helpers ----

    private static void addWord(TestNode node, String word) {
        assertCode(node.admin().call("/admin/sensitive/add", Map.of("words", List.of(word))), 0, "success");
    }

    private static List<String> words(JsonNode envelope) {
        List<String> out = new ArrayList<>();
        envelope.path("result").path("words").forEach(w -> out.add(w.asText()));
        return out;
    }

    private static List<String> hits(long uid) throws SQLException {
        try (Connection c = DriverManager.getConnection(recordDb.url(), recordDb.user(), recordDb.password());
             PreparedStatement ps = c.prepareStatement(
                     "SELECT sender, word FROM sensitive_hits WHERE message_uid = ? ORDER BY word")) {
            ps.setLong(1, uid);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return out;
        }
    }

    /** Alice and Bob, both online on one node; Alice sends Bob single-chat texts, Bob pulls his timeline. */
    record Chat(Mqtt5Peer alice, Mqtt5Peer bob) implements AutoCloseable {

        static Chat open(TestNode node) {
            return new Chat(Fixtures.online(node, Fixtures.newUser(node, "alice")),
                    Fixtures.online(node, Fixtures.newUser(node, "bob")));
        }

        Reply send(String text) {
            return alice.call(Methods.MESSAGE_SEND, Fixtures.text(bob.userId, text));
        }

        /** Everything on Bob's timeline (only Alice writes to it). */
        List<Message> bobsMessages() {
            Reply r = bob.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(0).build());
            assertThat(r.getCode()).isZero();
            return r.getPull().getMessagesList();
        }

        List<String> bobsTexts() {
            return bobsMessages().stream().map(m -> m.getContent().getSearchableContent()).toList();
        }

        @Override
        public void close() {
            alice.close();
            bob.close();
        }
    }
}
