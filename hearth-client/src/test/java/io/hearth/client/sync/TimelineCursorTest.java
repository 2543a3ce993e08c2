package io.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.Message;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TimelineCursorTest {

    private final TimelineCursor cursor = new TimelineCursor("alice", 0, 100);

    static Message msg(long seq) {
        return Message.newBuilder().setSeq(seq).setMessageUid(1000 + seq).setSender("bob").build();
    }

    static List<Message> msgs(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(TimelineCursorTest::msg).toList();
    }

    static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::getSeq).toList();
    }

    /** A push as the server sends it: its head is the newest entry's seq. */
    private List<Message> push(List<Message> entries) {
        return cursor.onPush(entries, entries.stream().mapToLong(Message::getSeq).max().orElse(0));
    }

    @Test
    void purgedEntriesAreSkippedAndWhatIsKeptIsPulledNext() {
        cursor.requestSync();
        assertThat(cursor.nextPull()).hasValue(0);
        // the server kept seqs 41..50: entries up to 40 are gone
        assertThat(cursor.onPurged(40, 50)).isEmpty();
        assertThat(cursor.lastSeq()).isEqualTo(40);
        assertThat(cursor.nextPull()).as("goes on from what is kept").hasValue(40);
        assertThat(seqs(cursor.onPullResult(msgs(41, 50), 50))).containsExactly(41L, 42L, 43L, 44L, 45L, 46L, 47L,
                48L, 49L, 50L);
        assertThat(cursor.busy()).isFalse();
    }

    @Test
    void aPushWithOnlyAHeadMakesTheCursorPullUpToIt() {
        push(msgs(1, 2));
        assertThat(cursor.nextPull()).isEmpty();
        assertThat(cursor.onPush(List.of(), 7)).isEmpty();
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(2));
        assertThat(seqs(cursor.onPullResult(msgs(3, 7), 7))).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(cursor.nextPull()).isEmpty();
    }

    @Test
    void aHeadOnlyPushBehindTheCursorChangesNothing() {
        push(msgs(1, 3));
        assertThat(cursor.onPush(List.of(), 2)).isEmpty();
        assertThat(cursor.nextPull()).isEmpty();
    }

    @Test
    void inOrderPushesAreDeliveredAndAdvance() {
        assertThat(seqs(push(msgs(1, 3)))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(push(List.of(msg(4))))).containsExactly(4L);
        assertThat(cursor.lastSeq()).isEqualTo(4);
        assertThat(cursor.nextPull()).isEmpty();
    }

    @Test
    void duplicatesAreDropped() {
        push(msgs(1, 3));
        assertThat(push(msgs(2, 3))).isEmpty();
        assertThat(seqs(push(msgs(3, 4)))).containsExactly(4L);
        assertThat(cursor.lastSeq()).isEqualTo(4);
    }

    @Test
    void transparentSeqZeroIsAlwaysDeliveredAndDoesNotMove() {
        push(msgs(1, 2));
        Message transparent = Message.newBuilder().setSeq(0).setMessageUid(0).setSender("bob").build();
        assertThat(push(List.of(transparent, transparent))).hasSize(2);
        assertThat(cursor.lastSeq()).isEqualTo(2);
        push(List.of(msg(5)));
        assertThat(push(List.of(transparent))).hasSize(1);
    }

    @Test
    void gapStartsOnePullFromLastSeqAndThePullFillsIt() {
        push(msgs(1, 2));
        assertThat(push(List.of(msg(5)))).isEmpty();
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(2));
        assertThat(cursor.nextPull()).isEmpty(); // one pull at a time
        assertThat(push(List.of(msg(6)))).isEmpty(); // covered by the pull
        assertThat(seqs(cursor.onPullResult(msgs(3, 6), 6))).containsExactly(3L, 4L, 5L, 6L);
        assertThat(cursor.lastSeq()).isEqualTo(6);
        assertThat(cursor.nextPull()).isEmpty();
        assertThat(cursor.busy()).isFalse();
    }

    @Test
    void bufferedPushesContinueAfterAShortPull() {
        push(List.of(msg(3), msg(4)));
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(0));
        // The pull was answered before 3 and 4 existed on the server's side of the race.
        assertThat(seqs(cursor.onPullResult(msgs(1, 2), 2))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(cursor.lastSeq()).isEqualTo(4);
        assertThat(cursor.busy()).isFalse();
    }

    @Test
    void pullContinuesWhileCurrentIsBelowHead() {
        cursor.requestSync();
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(0));
        assertThat(seqs(cursor.onPullResult(msgs(1, 2), 5))).containsExactly(1L, 2L);
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(2));
        assertThat(seqs(cursor.onPullResult(msgs(3, 5), 5))).containsExactly(3L, 4L, 5L);
        assertThat(cursor.nextPull()).isEmpty();
    }

    @Test
    void syncWithNothingNewEndsAfterOnePull() {
        TimelineCursor c = new TimelineCursor("alice", 7, 100);
        c.requestSync();
        assertThat(c.nextPull()).isEqualTo(OptionalLong.of(7));
        assertThat(c.onPullResult(List.of(), 7)).isEmpty();
        assertThat(c.busy()).isFalse();
        assertThat(c.lastSeq()).isEqualTo(7);
    }

    @Test
    void ownSendResultAdvancesWithoutDelivery() {
        push(msgs(1, 2));
        assertThat(cursor.onSendResult("c1", 3, 1003)).isEmpty();
        assertThat(cursor.lastSeq()).isEqualTo(3);
        assertThat(cursor.nextPull()).isEmpty();
        assertThat(seqs(push(List.of(msg(4))))).containsExactly(4L);
    }

    @Test
    void ownSendResultBeyondAGapPullsAndSkipsTheOwnEntry() {
        push(msgs(1, 2));
        cursor.onSendIssued("c1");
        cursor.onSendResult("c1", 5, 9005);
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(2));
        Message own = Message.newBuilder().setSeq(5).setMessageUid(9005).setSender("alice").build();
        List<Message> page = List.of(msg(3), msg(4), own);
        assertThat(seqs(cursor.onPullResult(page, 5))).containsExactly(3L, 4L);
        assertThat(cursor.lastSeq()).isEqualTo(5);
        assertThat(cursor.busy()).isFalse();
    }

    @Test
    void ownAckedSendIsSteppedOverWhenThePushFillsTheGap() {
        push(msgs(1, 2));
        cursor.onSendResult("c1", 4, 9004);
        assertThat(seqs(push(List.of(msg(3))))).containsExactly(3L);
        assertThat(cursor.lastSeq()).isEqualTo(4);
    }

    @Test
    void ownSendStillInFlightIsNotDeliveredByAPull() {
        cursor.onSendIssued("c-42");
        cursor.requestSync();
        cursor.nextPull();
        Message own = Message.newBuilder().setSeq(1).setMessageUid(77).setSender("alice")
                .setClientMessageId("c-42").build();
        assertThat(cursor.onPullResult(List.of(own, msg(2)), 2)).containsExactly(msg(2));
        assertThat(cursor.onSendResult("c-42", 1, 77)).isEmpty();
        assertThat(cursor.lastSeq()).isEqualTo(2);
    }

    @Test
    void firstLoginPullAcceptsTheRoamingWindowJump() {
        cursor.requestSync();
        cursor.nextPull();
        assertThat(seqs(cursor.onPullResult(msgs(57, 60), 60))).containsExactly(57L, 58L, 59L, 60L);
        assertThat(cursor.busy()).isFalse();
    }

    @Test
    void emptyPageBelowHeadJumpsToHeadSoTheLoopEnds() {
        cursor.requestSync();
        cursor.nextPull();
        assertThat(cursor.onPullResult(List.of(), 60)).isEmpty();
        assertThat(cursor.lastSeq()).isEqualTo(60);
        assertThat(cursor.busy()).isFalse();
        assertThat(seqs(push(List.of(msg(61))))).containsExactly(61L);
    }

    @Test
    void gapTheServerCannotFillIsGivenUpAfterAPullWithNothingNew() {
        push(msgs(1, 2));
        push(List.of(msg(5)));
        cursor.nextPull();
        assertThat(seqs(cursor.onPullResult(List.of(), 2))).containsExactly(5L);
        assertThat(cursor.lastSeq()).isEqualTo(5);
        assertThat(cursor.busy()).isFalse();
    }

    @Test
    void abortedPullIsRetriedFromLastSeq() {
        push(List.of(msg(3)));
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(0));
        cursor.abortPull();
        assertThat(cursor.nextPull()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void noSeqIsDeliveredTwiceAcrossPushesAndOverlappingPulls() {
        push(List.of(msg(2)));
        cursor.nextPull();
        List<Message> first = push(List.of(msg(1), msg(2), msg(3)));
        List<Message> second = cursor.onPullResult(msgs(1, 4), 4);
        List<Message> third = push(msgs(3, 5));
        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(seqs(second)).containsExactly(4L);
        assertThat(seqs(third)).containsExactly(5L);
    }
}
