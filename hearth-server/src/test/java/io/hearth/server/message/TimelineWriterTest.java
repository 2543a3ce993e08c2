package io.hearth.server.message;

import io.hearth.server.testing.CommitOutputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimelineWriterTest {

    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final List<String> pushes = Collections.synchronizedList(new ArrayList<>());
    private final Delivery delivery = batch -> batch.forEach(p -> p.entries().forEach(o ->
            pushes.add(p.userId() + ":" + o.message().getSeq() + ":" + o.skipClientId())));
    /** Users whose id starts with "ghost" do not exist. */
    private final Recipients ghostsMissing = users -> users.stream().filter(u -> u.startsWith("ghost"))
            .collect(java.util.stream.Collectors.toSet());
    private final TimelineWriter writer = new TimelineWriter(store, ghostsMissing, CommitOutputs.of(delivery), 64, 10_000,
            WriterMetrics.none());
    private final AtomicLong uids = new AtomicLong(1000);

    @AfterEach
    void stop() {
        writer.close();
    }

    private StoredMessage draft(String from, String to, String cmid) {
        return new StoredMessage(uids.incrementAndGet(), from, Conversation.newBuilder().setTarget(to).build(), "c-" + from,
                cmid, MessageContent.newBuilder().setType(1).setSearchableContent("hi").build(), List.of(), 1, 0);
    }

    @Test
    void everyTimelineIsGapFreeUnderConcurrentSenders() throws Exception {
        writer.start();
        List<CompletableFuture<StoredMessage>> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String sender = "s" + t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    synchronized (all) {
                        all.add(writer.submit(draft(sender, "r" + (i % 3), null), List.of("r" + (i % 3))));
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        for (String user : store.timelines.keySet()) {
            List<Long> seqs = new ArrayList<>(store.timelines.get(user).keySet());
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as(user).isEqualTo(i + 1L);
            }
        }
        assertThat(store.timelines.get("s0")).hasSize(500);
        assertThat(store.timelines.get("r0").size() + store.timelines.get("r1").size()
                + store.timelines.get("r2").size()).isEqualTo(2000);
    }

    @Test
    void aRetryWithTheSameClientMessageIdIsStoredOnce() {
        writer.start();
        StoredMessage first = writer.submit(draft("a", "b", "m-1"), List.of("b")).join();
        StoredMessage again = writer.submit(draft("a", "b", "m-1"), List.of("b")).join();
        assertThat(again.messageUid()).isEqualTo(first.messageUid());
        assertThat(again.senderSeq()).isEqualTo(1);
        assertThat(store.timelines.get("b")).hasSize(1);
        assertThat(store.messages).hasSize(1);
    }

    @Test
    void aFailedBatchLosesNoSeqAndReportsServerError() {
        writer.start();
        writer.submit(draft("a", "b", null), List.of("b")).join();
        store.failWrites.set(true);
        CompletableFuture<StoredMessage> failed = writer.submit(draft("a", "b", null), List.of("b"));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(StatusException.statusOf(e)).isEqualTo(Status.SERVER_ERROR));
        store.failWrites.set(false);
        StoredMessage next = writer.submit(draft("a", "b", null), List.of("b")).join();
        assertThat(next.senderSeq()).isEqualTo(2);
        assertThat(store.timelines.get("b").keySet()).containsExactly(1L, 2L);
    }

    @Test
    void anUnknownReceiverIsRefusedWithoutUsingASeq() {
        writer.start();
        CompletableFuture<StoredMessage> ghost = writer.submit(draft("a", "ghost1", null), List.of("ghost1"));
        StoredMessage ok = writer.submit(draft("a", "b", null), List.of("b")).join();
        assertThatThrownBy(ghost::join)
                .satisfies(e -> assertThat(StatusException.statusOf(e)).isEqualTo(Status.NOT_EXIST));
        assertThat(ok.senderSeq()).isEqualTo(1);
        assertThat(store.timelines).doesNotContainKey("ghost1");
    }

    @Test
    void pushesGoToReceiverAndToSenderExceptTheSendingClient() {
        writer.start();
        writer.submit(draft("a", "b", null), List.of("b")).join();
        // futures complete before the pushes go out, on the same dispatch thread
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> pushes.size() == 2);
        assertThat(pushes).containsExactlyInAnyOrder("a:1:c-a", "b:1:null");
    }

    @Test
    void aFullQueueAnswersBusy() {
        TimelineWriter tiny = new TimelineWriter(store, users -> java.util.Set.of(), CommitOutputs.of(delivery), 1, 100,
                WriterMetrics.none());
        List<CompletableFuture<StoredMessage>> fs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            fs.add(tiny.submit(draft("a", "b", null), List.of("b")));
        }
        assertThatThrownBy(fs.get(100)::join)
                .satisfies(e -> assertThat(StatusException.statusOf(e)).isEqualTo(Status.OVER_FREQUENCY));
        tiny.start();
        tiny.close();
        assertThat(fs.get(99).join().senderSeq()).isEqualTo(100);
    }

    @Test
    void aRetriedSendPushesTheHeadToItsUsersSoThoseWhoMissedItPull() {
        List<Delivery.UserPush> seen = Collections.synchronizedList(new ArrayList<>());
        TimelineWriter w = new TimelineWriter(store, ghostsMissing, CommitOutputs.of(seen::addAll), 64, 10_000, WriterMetrics.none());
        w.start();
        try {
            w.submit(draft("a", "b", "m-9"), List.of("b")).join();
            w.submit(draft("x", "b", null), List.of("b")).join();
            org.awaitility.Awaitility.await().until(() -> seen.size() == 4); // a and b, for each message
            assertThat(seen).allSatisfy(p -> assertThat(p.entries()).isNotEmpty());
            seen.clear();
            StoredMessage again = w.submit(draft("a", "b", "m-9"), List.of("b")).join();
            assertThat(again.senderSeq()).isEqualTo(1);
            org.awaitility.Awaitility.await().until(() -> seen.size() == 2);
            assertThat(seen).allSatisfy(p -> assertThat(p.entries()).isEmpty());
            assertThat(seen).extracting(Delivery.UserPush::userId, Delivery.UserPush::head)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 1L),
                            org.assertj.core.groups.Tuple.tuple("b", 2L));
            assertThat(store.timelines.get("b")).hasSize(2);
        } finally {
            w.close();
        }
    }
}
