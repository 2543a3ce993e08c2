package io.hearth.client.rpc;

import com.google.protobuf.MessageLite;
import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Reply;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Typed RPC calls for the client and its feature facades: hops to the client's event loop, sends the request, and
 * completes with one field of the reply, or fails with the bare {@link HearthException} of the reply's code (never a
 * {@code CompletionException}). Callable from any thread; the futures complete on the loop.
 */
public final class Caller {

    private final EventExecutor loop;
    private final RpcClient rpc;

    public Caller(EventExecutor loop, RpcClient rpc) {
        this.loop = loop;
        this.rpc = rpc;
    }

    /**
     * Calls {@code method} and completes with {@code field} of the reply when it holds the {@code expected} result.
     * {@code field} runs on the loop; a {@link RuntimeException} it throws (e.g. a {@link HearthException} for an
     * entry-level error) fails the future with that exception.
     */
    public <T> CompletableFuture<T> call(String method, MessageLite request, Reply.ResultCase expected,
            Function<Reply, T> field) {
        byte[] payload = request.toByteArray();
        return onLoop(() -> result(rpc.call(method, payload), expected, field));
    }

    /** The expected result of a reply; fails with the bare {@link HearthException}, not a CompletionException. */
    public static <T> CompletableFuture<T> result(CompletableFuture<Reply> call, Reply.ResultCase expected,
            Function<Reply, T> field) {
        CompletableFuture<T> result = new CompletableFuture<>();
        call.whenComplete((reply, error) -> {
            Throwable failure = error != null ? error : Replies.failure(reply, expected);
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                result.complete(field.apply(reply));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs {@code task} on the loop and passes its future through; code 4 once the loop is gone. */
    public <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> task) {
        if (loop.inEventLoop()) {
            return task.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> task.get().whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            }));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new HearthException(Status.SERVER_ERROR, "client closed"));
        }
        return result;
    }
}
