package io.hearth.bench.group;

import io.hearth.bench.Latency;
import io.hearth.bench.SenderLoop;
import io.hearth.client.HearthClient;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One phase of sends: every sender sends {@code count} stamped messages to its group, keeping {@code window} in
 * flight or paced at its share of {@code totalRate}; returns on the main thread when all are acknowledged or
 * failed, with the ack latencies and failures recorded.
 */
final class SendPhase {

    private SendPhase() {
    }

    static void run(List<HearthClient> senders, List<String> groupOfSender, int count, byte phase, String text,
                    int window, int totalRate, EventLoopGroup loops, Latency ackLatency, AtomicLong failed)
            throws Exception {
        double perSender = totalRate > 0 ? (double) totalRate / senders.size() : 0;
        List<CompletableFuture<Void>> done = new ArrayList<>(senders.size());
        for (int s = 0; s < senders.size(); s++) {
            String groupId = groupOfSender.get(s);
            SenderLoop.Requests requests = (n, sentAt) -> GroupBench.request(groupId, text, sentAt, phase);
            done.add(new SenderLoop(senders.get(s), requests, count, window, perSender, loops, ackLatency, failed)
                    .start());
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.MINUTES);
    }

    /**
     * Waits until {@code counter} reaches {@code expected}, or nothing new arrived for {@code settleSeconds};
     * returns the seconds since {@code startNanos} at which the last delivery was seen.
     */
    static double await(AtomicLong counter, long expected, int settleSeconds, long startNanos)
            throws InterruptedException {
        long last = counter.get();
        long lastChange = System.nanoTime();
        while (last < expected && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(settleSeconds)) {
            Thread.sleep(10);
            long now = counter.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return (lastChange - startNanos) / 1e9;
    }
}
