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
    /** Stamped messages handed to the client that sent them (not counted above); 0 unless something is wrong. */
    final AtomicLong echoes = new AtomicLong();

    /**
     * Counts {@code m}, received by {@code member}, if it is one of the bench's stamped messages; {@code now} is
     * {@link System#nanoTime()}.
     */
    void record(String member, Message m, long now) {
        var data = m.getContent().getData();
        if (!Stamp.is(data)) {
            return;
        }
        if (m.getSender().equals(member)) {
            echoes.incrementAndGet();
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
