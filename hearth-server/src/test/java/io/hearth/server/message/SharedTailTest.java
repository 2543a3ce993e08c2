package io.hearth.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The per-node tail of shared timelines: answers only ranges it holds without a gap, up to the head asked for. */
class SharedTailTest {

    private final List<List<SharedEntry>> told = new ArrayList<>();
    private final SharedTail tail = new SharedTail(new SharedTimelines() {
        @Override
        public void committed(List<SharedEntry> entries, Map<String, Long> retriedHeads) {
            told.add(entries);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Readable> readable(String u, int t, String target) {
            throw new UnsupportedOperationException("not used here");
        }
    });

    private static StoredMessage message(long uid) {
        return new StoredMessage(uid, "alice", Conversation.newBuilder().setType(1).setTarget("g").build(), null, null,
                MessageContent.newBuilder().setType(1).build(), List.of(), 1, 0);
    }

    private void commit(long... seqs) {
        tail.committed(LongStream.of(seqs).mapToObj(s -> new SharedEntry("g", s, message(1000 + s))).toList(),
                Map.of());
    }

    private static List<Long> seqs(List<MessageStore.Entry> entries) {
        return entries == null ? null : entries.stream().map(MessageStore.Entry::seq).toList();
    }

    @Test
    void committedEntriesAnswerAPullUpToTheHeadAndTheOwnerIsToldAfter() {
        commit(1, 2, 3);
        assertThat(told).hasSize(1);
        assertThat(seqs(tail.entries("g", 1, 3, 100))).containsExactly(2L, 3L);
        assertThat(seqs(tail.entries("g", 0, 3, 2))).containsExactly(1L, 2L);
        assertThat(seqs(tail.entries("g", 3, 3, 100))).isEmpty();
        assertThat(tail.entries("g", 1, 4, 100)).as("the database knows of 4: ask it").isNull();
        assertThat(tail.entries("other", 0, 1, 100)).isNull();
    }

    @Test
    void aGapStartsTheRunAgainSoNoAnswerSkipsAnEntry() {
        commit(1, 2);
        commit(5);
        assertThat(tail.entries("g", 2, 5, 100)).as("3 and 4 were committed elsewhere").isNull();
        assertThat(seqs(tail.entries("g", 4, 5, 100))).containsExactly(5L);
    }

    @Test
    void entriesReadFromTheDatabaseFillTheRunWhenTheyStartRightAfterTheRangeAsked() {
        commit(3);
        tail.read("g", 3, List.of(new MessageStore.Entry(5, message(5))));
        assertThat(tail.entries("g", 3, 5, 100)).as("4 is missing: not kept").isNull();
        tail.read("g", 3, List.of(new MessageStore.Entry(4, message(4)), new MessageStore.Entry(5, message(5))));
        assertThat(seqs(tail.entries("g", 2, 5, 100))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void onlyTheNewestEntriesAreKept() {
        long[] many = LongStream.rangeClosed(1, SharedTail.PER_TIMELINE + 10).toArray();
        commit(many);
        assertThat(tail.entries("g", 0, many.length, 500)).as("1..10 were dropped").isNull();
        assertThat(tail.entries("g", 10, many.length, 500)).hasSize(SharedTail.PER_TIMELINE);
    }
}
