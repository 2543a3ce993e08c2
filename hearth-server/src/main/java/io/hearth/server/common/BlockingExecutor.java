package io.hearth.server.common;

import io.hearth.protocol.Status;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool where blocking work (JDBC) runs, so that no event loop ever blocks. When its queue is full new
 * work fails at once with 250 (busy) instead of piling up.
 */
public final class BlockingExecutor implements Executor, AutoCloseable {

    private final ThreadPoolExecutor pool;

    public BlockingExecutor(String name, int threads, int queueSize) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs {@code work} on the pool; the future completes on a pool thread. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StatusException(Status.OVER_FREQUENCY, "server busy"));
        }
    }

    /** Queues {@code work}; {@link RejectedExecutionException} when the queue is full or the pool stopped. */
    @Override
    public void execute(Runnable work) {
        pool.execute(work);
    }

    public CompletableFuture<Void> run(Runnable work) {
        return supply(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
