package io.hearth.bench;

import io.hearth.client.HearthClient;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender: {@code count} messages, the n-th built by {@link Requests}, either keeping {@code window} sends in
 * flight or paced at {@code perSecond}. Completes when every send has been acknowledged or has failed. Runs on the
 * load generator's event loops.
 */
public final class SenderLoop {

    /** The sender's n-th request, stamped with {@code sentAt} ({@link System#nanoTime()}). */
    @FunctionalInterface
    public interface Requests {
        SendMessageRequest request(int n, long sentAt);
    }

    private final HearthClient client;
    private final Requests requests;
    private final int count;
    private final int window;
    private final double perSecond;
    private final EventLoopGroup group;
    private final Latency ackLatency;
    private final AtomicLong failed;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    public SenderLoop(HearthClient client, Requests requests, int count, int window, double perSecond,
                      EventLoopGroup group, Latency ackLatency, AtomicLong failed) {
        this.client = client;
        this.requests = requests;
        this.count = count;
        this.window = window;
        this.perSecond = perSecond;
        this.group = group;
        this.ackLatency = ackLatency;
        this.failed = failed;
    }

    public CompletableFuture<Void> start() {
        if (count == 0) {
            done.complete(null);
        } else if (perSecond > 0) {
            long periodMicros = (long) (1_000_000 / perSecond);
            long offset = (long) (Math.random() * periodMicros);
            group.next().schedule(this::paced, offset, TimeUnit.MICROSECONDS);
        } else {
            for (int i = 0; i < Math.min(window, count); i++) {
                sendNext(true);
            }
        }
        return done;
    }

    private void paced() {
        if (sendNext(false)) {
            group.next().schedule(this::paced, (long) (1_000_000 / perSecond), TimeUnit.MICROSECONDS);
        }
    }

    /** Sends one message if any are left; with {@code chain}, its completion sends the next. */
    private boolean sendNext(boolean chain) {
        int n = issued.getAndIncrement();
        if (n >= count) {
            return false;
        }
        long sentAt = System.nanoTime();
        client.send(requests.request(n, sentAt)).whenComplete((r, e) -> {
            if (e == null) {
                ackLatency.recordNanos(System.nanoTime() - sentAt);
            } else {
                failed.incrementAndGet();
            }
            if (completed.incrementAndGet() == count) {
                done.complete(null);
            } else if (chain) {
                sendNext(true);
            }
        });
        return true;
    }
}
