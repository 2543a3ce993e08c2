package io.hearth.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Reply;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RpcClientTest {

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final RpcClient rpc = new RpcClient(loop.eventLoop(), Duration.ofSeconds(10));
    private final List<String> written = new ArrayList<>();
    private final RequestWriter writer = (method, id, payload) -> written.add(method + "#" + id);

    private static int codeOf(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        return ((HearthException) f.handle((v, e) -> e).join()).code();
    }

    @Test
    void callsFailWhileIdleAndAreHeldWhileConnecting() {
        assertThat(codeOf(rpc.call("message.pull", new byte[0]))).isEqualTo(Status.SERVER_ERROR.code());
        rpc.hold();
        CompletableFuture<Reply> held = rpc.call("message.send", new byte[0]);
        assertThat(written).isEmpty();
        rpc.attach(writer);
        assertThat(written).containsExactly("message.send#1");
        rpc.complete(1, Reply.newBuilder().setCode(0).build());
        assertThat(held).isCompleted();
    }

    @Test
    void repliesMatchByCorrelationIdInAnyOrder() {
        rpc.attach(writer);
        CompletableFuture<Reply> a = rpc.call("a", new byte[0]);
        CompletableFuture<Reply> b = rpc.call("b", new byte[0]);
        rpc.complete(2, Reply.newBuilder().setMsg("for b").build());
        rpc.complete(1, Reply.newBuilder().setMsg("for a").build());
        rpc.complete(1, Reply.newBuilder().setMsg("late duplicate").build());
        assertThat(a.join().getMsg()).isEqualTo("for a");
        assertThat(b.join().getMsg()).isEqualTo("for b");
        assertThat(rpc.pendingCount()).isZero();
    }

    @Test
    void timeoutFailsWith249() {
        rpc.attach(writer);
        CompletableFuture<Reply> f = rpc.call("session.info", new byte[0]);
        loop.advanceTimeBy(10, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        assertThat(codeOf(f)).isEqualTo(249);
        assertThat(rpc.pendingCount()).isZero();
    }

    @Test
    void detachFailsWrittenCallsAndKeepsHeldOnes() {
        rpc.attach(writer);
        CompletableFuture<Reply> inFlight = rpc.call("a", new byte[0]);
        rpc.detach(new HearthException(Status.TIMEOUT, "lost"));
        CompletableFuture<Reply> held = rpc.call("b", new byte[0]);
        assertThat(codeOf(inFlight)).isEqualTo(249);
        assertThat(held).isNotDone();
        rpc.reject(new HearthException(Status.KICKED_OFF, "kicked"));
        assertThat(codeOf(held)).isEqualTo(7);
        assertThat(codeOf(rpc.call("c", new byte[0]))).isEqualTo(7);
    }

    @Test
    void aResendableCallWrittenBeforeALossIsWrittenAgainInCallOrderWithAFreshTimeoutAndCompletesOnce() {
        rpc.attach(writer);
        CompletableFuture<Reply> send = rpc.call("message.send", new byte[0], true);
        CompletableFuture<Reply> pull = rpc.call("message.pull", new byte[0]);
        loop.advanceTimeBy(9, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        rpc.detach(new HearthException(Status.TIMEOUT, "lost"));
        CompletableFuture<Reply> later = rpc.call("message.send", new byte[0], true);
        assertThat(codeOf(pull)).isEqualTo(249);
        assertThat(send).isNotDone();

        loop.advanceTimeBy(9, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        assertThat(send).as("a new timeout from the loss").isNotDone();
        rpc.attach(writer);
        assertThat(written).containsExactly("message.send#1", "message.pull#2", "message.send#1", "message.send#3");
        rpc.complete(1, Reply.newBuilder().setMsg("stored").build());
        rpc.complete(1, Reply.newBuilder().setMsg("late reply of the first write").build());
        assertThat(send.join().getMsg()).isEqualTo("stored");
        assertThat(later).isNotDone();
        rpc.reject(new HearthException(Status.SERVER_ERROR, "closed"));
        assertThat(codeOf(later)).isEqualTo(Status.SERVER_ERROR.code());
    }

    @Test
    void correlationDataIsEightBigEndianBytes() {
        assertThat(Correlation.encode(258)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(Correlation.decode(Correlation.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(Correlation.decode(new byte[3])).isEqualTo(-1);
        assertThat(Correlation.decode(null)).isEqualTo(-1);
    }
}
