package io.hearth.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import io.hearth.server.testing.CommitOutputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer's change paths: a message replaced in place, and one user's copy dropped. */
class TimelineWriterChangeTest {

    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final List<String> pushes = Collections.synchronizedList(new ArrayList<>());
    private final Delivery delivery = batch -> batch.forEach(p -> p.entries().forEach(o ->
            pushes.add(p.userId() + ":" + o.message().getSeq() + ":" + o.message().getState() + ":"
                    + o.skipClientId())));
    private final TimelineWriter writer = new TimelineWriter(store, users -> java.util.Set.of(),
            CommitOutputs.of(delivery), 64, 10_000, WriterMetrics.none());

    @BeforeEach
    void start() {
        writer.start();
    }

    @AfterEach
    void stop() {
        writer.close();
    }

    private StoredMessage sent(long uid) {
        StoredMessage draft = new StoredMessage(uid, "a", Conversation.newBuilder().setTarget("b").build(), "phone",
                null, MessageContent.newBuilder().setType(1).setSearchableContent("hi").build(), List.of(), 1, 0);
        return writer.submit(draft, List.of("b")).join();
    }

    @Test
    void aChangeReplacesTheRowAndGivesBothTimelinesAnEntryCarryingIt() {
        StoredMessage m = sent(1);
        StoredMessage recalled = m.changed(MessageContent.newBuilder().setType(80).build(), MessageStates.RECALLED, 5);
        StoredMessage done = writer.change(recalled, List.of("b"), null,
                MessageStates.mask(MessageStates.SENT), true).join();

        assertThat(done.senderSeq()).as("a change keeps the seq it was sent with").isEqualTo(1);
        assertThat(store.messages.get(1L).content().getType()).isEqualTo(80);
        assertThat(store.messages.get(1L).state()).isEqualTo(MessageStates.RECALLED);
        assertThat(store.timelines.get("a").keySet()).containsExactly(1L, 2L);
        assertThat(store.timelines.get("b").keySet()).containsExactly(1L, 2L);
        assertThat(store.timelines.get("b").get(2L).messageUid()).isEqualTo(1);
        // the send skipped the sending device; the change goes to every device of both users
        // pushed after the future completes (the writer completes, then delivers)
        await().untilAsserted(() -> assertThat(pushes).contains("a:2:1:null", "b:2:1:null"));
        assertThat(pushes).doesNotContain("a:2:1:phone");
    }

    @Test
    void aSilentChangeReplacesTheRowWithoutEntries() {
        StoredMessage m = sent(1);
        writer.change(m.changed(MessageContent.newBuilder().setType(1).setSearchableContent("edited").build(),
                MessageStates.EDITED, 5), List.of("b"), null, MessageStates.mask(MessageStates.SENT), false).join();

        assertThat(store.messages.get(1L).content().getSearchableContent()).isEqualTo("edited");
        assertThat(store.timelines.get("a")).hasSize(1);
        assertThat(store.timelines.get("b")).hasSize(1);
    }

    @Test
    void aChangeOfAMessageNotInAnAllowedStateIsRefusedWithoutEntries() {
        StoredMessage m = sent(1);
        writer.change(m.changed(MessageContent.newBuilder().setType(81).build(), MessageStates.DELETED, 5),
                List.of("b"), null, MessageStates.mask(MessageStates.SENT), true).join();
        StoredMessage edit = m.changed(MessageContent.newBuilder().setType(1).build(), MessageStates.EDITED, 6);

        assertThatThrownBy(() -> writer.change(edit, List.of("b"), null,
                MessageStates.mask(MessageStates.SENT, MessageStates.EDITED), true).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(StatusException.class)
                .extracting(e -> ((StatusException) e).status()).isEqualTo(Status.NOT_EXIST);
        assertThat(store.messages.get(1L).state()).isEqualTo(MessageStates.DELETED);
        assertThat(store.timelines.get("b")).hasSize(2);
    }

    @Test
    void aChangeOfAnUnknownMessageIsRefused() {
        StoredMessage ghost = new StoredMessage(99, "a", Conversation.newBuilder().setTarget("b").build(), null,
                null, MessageContent.newBuilder().setType(80).build(), List.of(), 1, 1, MessageStates.RECALLED, 5);
        assertThatThrownBy(() -> writer.change(ghost, List.of("b"), null, MessageStates.mask(MessageStates.SENT),
                true).join()).cause().extracting(e -> ((StatusException) e).status()).isEqualTo(Status.NOT_EXIST);
        assertThat(store.timelines.get("b")).isNull();
    }

    @Test
    void droppingACopyPointsTheUsersEntriesAtTheTombstoneAndAddsOne() {
        sent(1);
        sent(2);
        StoredMessage tombstone = new StoredMessage(50, "b", Conversation.newBuilder().setTarget("a").build(), null,
                null, ChangeContents.tombstone(1), List.of(), 9, 0);
        StoredMessage done = writer.dropCopies(tombstone, new Copies.Of(1)).join();

        assertThat(done.senderSeq()).isEqualTo(3);
        assertThat(store.timelines.get("b").get(1L).messageUid()).as("seqs stay gap-free").isEqualTo(50);
        assertThat(store.timelines.get("b").get(2L).messageUid()).isEqualTo(2);
        assertThat(store.timelines.get("b").get(3L).messageUid()).isEqualTo(50);
        assertThat(store.timelines.get("a").get(1L).messageUid()).as("the other side keeps its copy").isEqualTo(1);
        assertThat(store.messages.get(1L).state()).isEqualTo(MessageStates.SENT);
        await().untilAsserted(() -> assertThat(pushes).contains("b:3:0:null"));
    }

    @Test
    void droppingACopyOneDoesNotHaveIsRefused() {
        sent(1);
        StoredMessage tombstone = new StoredMessage(50, "c", Conversation.newBuilder().setTarget("a").build(), null,
                null, ChangeContents.tombstone(1), List.of(), 9, 0);
        assertThatThrownBy(() -> writer.dropCopies(tombstone, new Copies.Of(1)).join()).cause()
                .extracting(e -> ((StatusException) e).status()).isEqualTo(Status.NOT_EXIST);
        assertThat(store.timelines.get("c")).isNull();
        assertThat(store.messages).doesNotContainKey(50L);
    }
}
