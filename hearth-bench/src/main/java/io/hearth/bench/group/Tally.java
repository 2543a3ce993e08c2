package io.hearth.bench.group;

import io.hearth.bench.Latency;
import io.hearth.protocol.pb.Message;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the online members received: measured messages (counted, with send → receipt latency) and warm-up ones
 * (counted only). Recorded from every client's event loop at once.
 */
final class Tally {

    final Latency latency = new Latency();
    final AtomicLong measured = new AtomicLong();
    final AtomicLong warmup = new AtomicLong();
    /** Measured messages that reached a member twice (by push and again by pull, say); 0 unless something is wrong. */
    final AtomicLong repeated = new AtomicLong();

    /** Counts {@code m} if it is one of the bench's stamped messages; {@code now} is {@link System#nanoTime()}. */
    void record(Message m, long now) {
        var data = m.getContent().getData();
        if (!Stamp.is(data)) {
            return;
        }
        if (Stamp.measured(data)) {
            latency.recordNanos(now - Stamp.sentAt(data));
            measured.incrementAndGet();
        } else {
            warmup.incrementAndGet();
        }
    }
}
