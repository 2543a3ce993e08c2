package io.hearth.bench.hostile;

import io.hearth.client.HearthClient;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * An attacker's (or its accomplice's) paced sends through the SDK: one request every {@code 1/rate} s, skipped
 * while {@code maxInFlight} are unanswered, with the outcome counted by status code. Runs on one loop of the group.
 */
final class Paced implements AutoCloseable {

    private final HearthClient client;
    private final Supplier<SendMessageRequest> request;
    private final int maxInFlight;
    private final AtomicLong inFlight = new AtomicLong();
    final LongAdder sent = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder skipped = new LongAdder();
    private final Map<Integer, LongAdder> failed = new ConcurrentHashMap<>();
    private ScheduledFuture<?> tick;

    Paced(HearthClient client, Supplier<SendMessageRequest> request, int maxInFlight) {
        this.client = client;
        this.request = request;
        this.maxInFlight = maxInFlight;
    }

    void start(EventLoopGroup group, double perSecond) {
        long period = Math.max(1, (long) (1e6 / perSecond));
        tick = group.next().scheduleAtFixedRate(this::once, 0, period, TimeUnit.MICROSECONDS);
    }

    private void once() {
        if (inFlight.get() >= maxInFlight) {
            skipped.increment();
            return;
        }
        inFlight.incrementAndGet();
        sent.increment();
        client.send(request.get()).whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            if (e == null) {
                ok.increment();
            } else {
                failed.computeIfAbsent(LegitLoad.codeOf(e), c -> new LongAdder()).increment();
            }
        });
    }

    /** e.g. {@code 1000 sent, 0 ok, failed {4=1000}}. */
    String describe() {
        Map<Integer, Long> codes = new TreeMap<>();
        failed.forEach((k, v) -> codes.put(k, v.sum()));
        return sent.sum() + " sent, " + ok.sum() + " ok" + (codes.isEmpty() ? "" : ", failed " + codes)
                + (skipped.sum() > 0 ? ", " + skipped.sum() + " skipped (" + maxInFlight + " in flight)" : "");
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel(false);
        }
        client.close();
    }
}
