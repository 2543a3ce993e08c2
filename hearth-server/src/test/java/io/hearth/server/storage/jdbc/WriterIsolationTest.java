package io.hearth.server.storage.jdbc;

import io.hearth.server.testing.CommitOutputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.MessageStore;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A message the database refuses for its data fails alone: the other messages of its group commit are stored,
 * gap-free, on the real databases (the column overflow of issue 8: {@code to_users} over 8,192 characters).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class WriterIsolationTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcMessageStore store;
    private TimelineWriter writer;

    WriterIsolationTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 4));
        store = new JdbcMessageStore(db);
        writer = new TimelineWriter(store, users -> Set.of(), CommitOutputs.of(pushes -> { }), 2048, 10_000, WriterMetrics.none());
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    private static StoredMessage draft(long uid, String sender, String target, List<String> toUsers) {
        return new StoredMessage(uid, sender, Conversation.newBuilder().setTarget(target).build(), "c-" + sender,
                null, MessageContent.newBuilder().setType(1).setSearchableContent("m" + uid).build(), toUsers,
                1000 + uid, 0);
    }

    @Test
    void poisonedMessagesInABatchFailAloneAndTheRestIsStoredInOrder() {
        List<String> oversized = Collections.nCopies(100, "x".repeat(90)); // 9,099 characters joined
        List<CompletableFuture<StoredMessage>> good = new ArrayList<>();
        List<CompletableFuture<StoredMessage>> bad = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // queued before the writer starts, so they all go into the first group commit
            if (i % 97 == 13) {
                bad.add(writer.submit(draft(10_000 + i, "mallory", "bob", oversized), List.of("bob")));
            } else {
                good.add(writer.submit(draft(10_000 + i, "user" + (i % 7), "bob", List.of()), List.of("bob")));
            }
        }
        writer.start();

        for (CompletableFuture<StoredMessage> f : bad) {
            assertThat(f).failsWithin(java.time.Duration.ofSeconds(30)).withThrowableOfType(
                    java.util.concurrent.ExecutionException.class).havingCause()
                    .isInstanceOfSatisfying(StatusException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.INVALID_PARAMETER));
        }
        List<StoredMessage> stored = good.stream().map(CompletableFuture::join).toList();
        assertThat(stored).hasSize(300 - bad.size());
        List<MessageStore.Entry> bobs = store.pull("bob", 0, 0, 500);
        assertThat(bobs).extracting(MessageStore.Entry::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(bobs).extracting(e -> e.message().messageUid())
                .as("stored in the order submitted").isSorted()
                .containsExactlyElementsOf(stored.stream().map(StoredMessage::messageUid).toList());
        assertThat(store.head("mallory")).isZero();
    }

    @Test
    void aLoneValidMessageAfterAPoisonedOneIsStored() {
        CompletableFuture<StoredMessage> bad = writer.submit(draft(1, "mallory", "bob",
                Collections.nCopies(100, "y".repeat(90))), List.of("bob"));
        CompletableFuture<StoredMessage> ok = writer.submit(draft(2, "alice", "bob", List.of("bob")), List.of("bob"));
        writer.start();
        assertThat(ok.join().senderSeq()).isEqualTo(1);
        assertThat(bad).isCompletedExceptionally();
        try {
            bad.join();
        } catch (CompletionException e) {
            assertThat(((StatusException) e.getCause()).status()).isEqualTo(Status.INVALID_PARAMETER);
        }
    }
}
