package io.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.HearthException;
import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.SuperGroupHead;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The super-group pull loop against a scripted puller, on an embedded event loop. */
class SuperGroupSyncTest {

    /** A pull the sync asked for, answered by the test. */
    record Pull(String group, long since, CompletableFuture<PullMessageResult> reply) {
    }

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final Deque<Pull> pulls = new ArrayDeque<>();
    private final List<String> delivered = new ArrayList<>();
    private CompletableFuture<SessionInfoResult> info = new CompletableFuture<>();
    private SuperGroupSync sync;

    @BeforeEach
    void start() {
        sync = new SuperGroupSync("alice", (g, since, limit) -> {
            Pull p = new Pull(g, since, new CompletableFuture<>());
            pulls.add(p);
            return p.reply();
        }, () -> info, (g, ms) -> ms.forEach(m -> delivered.add(g + ":" + m.getSeq())), loop.eventLoop(),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(1)),
                Map.of("old", 5L));
    }

    private static PullMessageResult entries(long from, long to, long head) {
        PullMessageResult.Builder b = PullMessageResult.newBuilder().setCurrent(to).setHead(head);
        LongStream.rangeClosed(from, to).forEach(s -> b.addMessages(Message.newBuilder().setSeq(s)
                .setMessageUid(1000 + s)));
        return b.build();
    }

    private static Notice notice(String group, long head) {
        return Notice.newBuilder().setKind(NoticeKinds.GROUP_MESSAGE).setTarget(group).setVersion(head).build();
    }

    @Test
    void aNoticePullsFromTheLastSeqUntilTheHeadOneAtATime() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onNotice(notice("g", 3));
        sync.onNotice(notice("g", 4));
        assertThat(pulls).hasSize(1);
        Pull first = pulls.poll();
        assertThat(first.since()).isZero();
        first.reply().complete(entries(1, 2, 4));
        Pull second = pulls.poll();
        assertThat(second.since()).isEqualTo(2);
        second.reply().complete(entries(3, 4, 4));
        assertThat(pulls).as("caught up").isEmpty();
        assertThat(delivered).containsExactly("g:1", "g:2", "g:3", "g:4");
        assertThat(sync.seqs()).containsEntry("g", 4L);
        sync.onNotice(notice("g", 4));
        assertThat(pulls).as("nothing new").isEmpty();
    }

    @Test
    void sessionInfoHeadsPullOnlyTheGroupsAheadOfTheirSeq() {
        sync.onConnected();
        info.complete(SessionInfoResult.newBuilder()
                .addSuperGroupHeads(SuperGroupHead.newBuilder().setGroupId("old").setHead(5))
                .addSuperGroupHeads(SuperGroupHead.newBuilder().setGroupId("new").setHead(2)).build());
        assertThat(pulls).extracting(Pull::group).containsExactly("new");
        sync.onNotice(notice("old", 6));
        assertThat(pulls).extracting(Pull::group, Pull::since).last().isEqualTo(
                org.assertj.core.groups.Tuple.tuple("old", 5L));
    }

    @Test
    void aNoticeBeforeTheSessionIsReadyIsPulledOnceItIs() {
        sync.onNotice(notice("g", 1));
        assertThat(pulls).isEmpty();
        sync.onConnected();
        info.completeExceptionally(new IllegalStateException("session.info timed out"));
        Pull p = pulls.poll();
        assertThat(p.group()).isEqualTo("g");
        p.reply().complete(entries(1, 1, 1));
        assertThat(delivered).containsExactly("g:1");
    }

    @Test
    void ownSendsAreNotDeliveredButMovedOver() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onOwnSend(1002);
        sync.onNotice(notice("g", 3));
        pulls.poll().reply().complete(entries(1, 3, 3));
        assertThat(delivered).containsExactly("g:1", "g:3");
        assertThat(sync.seqs()).containsEntry("g", 3L);
    }

    @Test
    void anOwnSendIssuedIsNotDeliveredEvenWhenThePullBeatsItsResult() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onSendIssued("c-1");
        sync.onNotice(notice("g", 2));
        pulls.poll().reply().complete(PullMessageResult.newBuilder().setCurrent(2).setHead(2)
                .addMessages(Message.newBuilder().setSeq(1).setSender("alice").setClientMessageId("c-1"))
                .addMessages(Message.newBuilder().setSeq(2).setSender("alice").setClientMessageId("other-device"))
                .build());
        assertThat(delivered).containsExactly("g:2");
    }

    @Test
    void aFailedPullIsRetriedAfterBackoffAndADisconnectForgetsIt() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onNotice(notice("g", 2));
        pulls.poll().reply().completeExceptionally(new IllegalStateException("timeout"));
        assertThat(pulls).isEmpty();
        loop.advanceTimeBy(1, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        Pull retry = pulls.poll();
        assertThat(retry.since()).isZero();

        sync.onDisconnected();
        retry.reply().complete(entries(1, 2, 2));
        assertThat(delivered).as("an answer of a lost session is dropped").isEmpty();
        info = new CompletableFuture<>();
        sync.onConnected();
        info.complete(SessionInfoResult.newBuilder()
                .addSuperGroupHeads(SuperGroupHead.newBuilder().setGroupId("g").setHead(2)).build());
        pulls.poll().reply().complete(entries(1, 2, 2));
        assertThat(delivered).containsExactly("g:1", "g:2");
    }

    @Test
    void aNoticeThatComesWhileAPullIsOutIsPulledAfterItEvenWhenThePullSaysAnOlderHead() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onNotice(notice("g", 2));
        Pull first = pulls.poll();
        sync.onNotice(notice("g", 4)); // seqs 3 and 4 committed after the pull read the head
        assertThat(pulls).as("one pull per group at a time").isEmpty();
        first.reply().complete(entries(1, 2, 2));
        Pull second = pulls.poll();
        assertThat(second).as("a pull for the notice of head 4").isNotNull();
        assertThat(second.since()).isEqualTo(2);
        second.reply().complete(entries(3, 4, 4));
        assertThat(delivered).containsExactly("g:1", "g:2", "g:3", "g:4");
        assertThat(pulls).isEmpty();
    }

    @Test
    void aPullRefusedBecauseTheUserLeftIsNotRetriedUntilTheGroupIsNamedAgain() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onNotice(notice("g", 3));
        pulls.poll().reply().completeExceptionally(new HearthException(Status.NOT_IN_GROUP, "kicked"));
        sync.onNotice(notice("gone", 4));
        pulls.poll().reply().completeExceptionally(new CompletionException(
                new HearthException(Status.NOT_EXIST, "dismissed")));
        loop.advanceTimeBy(10, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        assertThat(pulls).as("no retry of a refused pull").isEmpty();

        sync.onNotice(notice("g", 5)); // added again
        Pull again = pulls.poll();
        assertThat(again.since()).isZero();
        again.reply().complete(entries(4, 5, 5));
        assertThat(delivered).containsExactly("g:4", "g:5");
    }

    @Test
    void aPullThatBringsNothingStopsAtTheServersHead() {
        sync.onConnected();
        info.complete(SessionInfoResult.getDefaultInstance());
        sync.onNotice(notice("g", 9));
        // the member may read only after seq 6 (joined late): the server moves current there and says head 6
        pulls.poll().reply().complete(PullMessageResult.newBuilder().setCurrent(6).setHead(6).build());
        assertThat(pulls).isEmpty();
        assertThat(sync.seqs()).containsEntry("g", 6L);
    }
}
