package io.hearth.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SendOrderTest {

    private final SendOrder order = new SendOrder();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void aLaterSendWhoseChecksFinishFirstWaitsForTheEarlierOne() {
        CompletableFuture<String> first = new CompletableFuture<>();
        order.after("alice/c1", first, f -> ran.add(f.join()));
        order.after("alice/c1", CompletableFuture.completedFuture("second"), f -> ran.add(f.join()));
        assertThat(ran).isEmpty();
        first.complete("first");
        assertThat(ran).containsExactly("first", "second");
        assertThat(order.waiting()).isZero();
    }

    @Test
    void aRefusedSendDoesNotHoldBackTheNextAndOtherSendersDoNotWait() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        order.after("alice/c1", slow, f -> ran.add(f.isCompletedExceptionally() ? "refused" : f.join()));
        order.after("alice/c1", CompletableFuture.completedFuture("next"), f -> ran.add(f.join()));
        order.after("bob/c1", CompletableFuture.completedFuture("bob"), f -> ran.add(f.join()));
        assertThat(ran).containsExactly("bob");
        slow.completeExceptionally(new IllegalStateException("refused by a check"));
        assertThat(ran).containsExactly("bob", "refused", "next");
    }

    @Test
    void checksDoneAtOnceRunOnTheCallersThreadAtOnce() {
        order.after("alice/c1", CompletableFuture.completedFuture("now"), f -> ran.add(Thread.currentThread()
                .getName()));
        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }
}
