package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.HistoryStore.Cursor;
import io.hearth.server.message.MessageStates;
import io.hearth.server.message.MessageStore.Entry;
import io.hearth.server.message.SharedEntry;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link io.hearth.server.message.MessageHistory} relies on from {@link JdbcHistoryStore}, on H2 and on
 * PostgreSQL: both sides of a single chat are one conversation whatever the case of the ids (the collation of the
 * key), a page is newest first and only of the conversation, a message not in the user's timeline has seq 0,
 * shared pages leave out change entries, search matches a word of the user's own messages only and follows
 * changes of the content.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcHistoryStoreTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcMessageStore messages;
    private JdbcHistoryStore history;
    private long uid = 1000;

    JdbcHistoryStoreTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 4));
        messages = new JdbcMessageStore(db);
        history = new JdbcHistoryStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Conversation single(String peer) {
        return Conversation.newBuilder().setType(0).setTarget(peer).build();
    }

    static Conversation group(String id) {
        return Conversation.newBuilder().setType(1).setTarget(id).build();
    }

    static MessageContent text(String s) {
        return MessageContent.newBuilder().setType(1).setSearchableContent(s).build();
    }

    /** A message stored as the writer stores it, with an entry in the timeline of the sender and each receiver. */
    StoredMessage send(String sender, Conversation conv, String text, long time, String... receivers) {
        StoredMessage m = new StoredMessage(uid++, sender, conv, "c", null, text(text), List.of(), time, 0);
        messages.write(tx -> {
            Set<String> users = new LinkedHashSet<>(List.of(receivers));
            users.add(sender);
            Map<String, Long> heads = tx.lockHeads(users);
            List<TimelineEntry> entries = new ArrayList<>();
            users.forEach(u -> entries.add(new TimelineEntry(u, heads.get(u) + 1, m.messageUid(), time)));
            tx.append(List.of(m), entries);
        });
        return m;
    }

    @Test
    void bothSidesOfASingleChatAreOneConversationNewestFirst() {
        String alice = "alice";
        String bob = "Bob";
        send(alice, single(bob), "one", 10, bob);
        send(bob, single(alice), "two", 20, alice);
        send(alice, single("carol"), "elsewhere", 25, "carol");
        send(alice, single(bob), "three", 30, bob);
        for (String[] side : new String[][]{{alice, bob}, {bob, alice}}) {
            List<Entry> page = history.conversation(side[0], single(side[1]), null, 10);
            assertThat(page).extracting(e -> e.message().content().getSearchableContent())
                    .as("%s with %s", side[0], side[1]).containsExactly("three", "two", "one");
            assertThat(page).allMatch(e -> e.seq() > 0);
        }
        List<Entry> older = history.conversation(alice, single(bob), new Cursor(30, uid - 1), 10);
        assertThat(older).extracting(e -> e.message().content().getSearchableContent()).containsExactly("two", "one");
        assertThat(history.conversation(alice, single(bob), null, 2)).hasSize(2);
    }

    @Test
    void aGroupMessageTheUserDidNotGetHasNoSeq() {
        send("owner", group("g1"), "for all", 10, "m1", "m2");
        send("owner", group("g1"), "for m1", 20, "m1");
        List<Entry> page = history.conversation("m2", group("g1"), null, 10);
        assertThat(page).extracting(e -> e.message().content().getSearchableContent())
                .containsExactly("for m1", "for all");
        assertThat(page.get(0).seq()).isZero();
        assertThat(page.get(1).seq()).isPositive();
    }

    @Test
    void aSharedPageLeavesOutTheEntriesOfChanges() {
        StoredMessage first = new StoredMessage(uid++, "owner", group("sg"), "c", null, text("first"), List.of(), 10, 0);
        StoredMessage second = new StoredMessage(uid++, "owner", group("sg"), "c", null, text("second"), List.of(), 20,
                0);
        messages.write(tx -> {
            tx.lockSharedHeads(List.of("sg"));
            tx.append(List.of(first, second), List.of(), List.of(new SharedEntry("sg", 1, first),
                    new SharedEntry("sg", 2, second)));
        });
        StoredMessage recalled = first.changed(MessageContent.newBuilder().setType(80).build(),
                MessageStates.RECALLED, 30);
        messages.write(tx -> {
            tx.lockSharedHeads(List.of("sg"));
            assertThat(tx.replace(recalled, MessageStates.mask(MessageStates.SENT))).isTrue();
            tx.append(List.of(), List.of(), List.of(new SharedEntry("sg", 3, recalled)));
        });
        List<Entry> page = history.shared("sg", 0, Long.MAX_VALUE, 10);
        assertThat(page).extracting(Entry::seq).containsExactly(2L, 1L);
        assertThat(page.get(1).message().content().getType()).isEqualTo(80);
        assertThat(history.sharedSeq("sg", first.messageUid())).contains(1L);
        assertThat(history.shared("sg", 1, Long.MAX_VALUE, 10)).as("after the join at 1").extracting(Entry::seq)
                .containsExactly(2L);
    }

    @Test
    void searchFindsAWordOfTheUsersOwnMessagesOnly() {
        send("ann", single("ben"), "meet at the Harbour tonight", 10, "ben");
        send("cat", single("dan"), "harbour for cat and dan", 20, "dan");
        send("ann", single("ben"), "100% sure_thing", 30, "ben");
        assertThat(history.search("ben", "harbour", null, Set.of(), null, 10))
                .extracting(e -> e.message().sender()).containsExactly("ann");
        assertThat(history.search("dan", "Harbour", null, Set.of(), null, 10))
                .extracting(e -> e.message().sender()).containsExactly("cat");
        assertThat(history.search("ann", "harbour", single("ben"), Set.of(1), null, 10)).hasSize(1);
        assertThat(history.search("ann", "harbour", single("dan"), Set.of(), null, 10)).isEmpty();
        assertThat(history.search("ann", "harbour", null, Set.of(2), null, 10)).isEmpty();
        assertThat(history.search("ann", "%", null, Set.of(), null, 10)).as("% is no wildcard")
                .allMatch(e -> e.message().content().getSearchableContent().contains("%"));
    }

    @Test
    void searchFollowsAChangeOfTheContent() {
        StoredMessage m = send("eve", single("fay"), "secret plans", 10, "fay");
        assertThat(history.search("fay", "secret", null, Set.of(), null, 10)).hasSize(1);
        messages.write(tx -> tx.replace(m.changed(MessageContent.newBuilder().setType(80).build(),
                MessageStates.RECALLED, 20), MessageStates.mask(MessageStates.SENT)));
        assertThat(history.search("fay", "secret", null, Set.of(), null, 10)).isEmpty();
    }
}
