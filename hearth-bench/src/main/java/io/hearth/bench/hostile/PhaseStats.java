package io.hearth.bench.hostile;

import io.hearth.bench.Latency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What was measured in one phase (baseline, attack or recovery of one attack). Acks, failures and logins count by
 * completion time (what happened during the phase); ack and delivery latency are recorded into the phase in which
 * the message was sent, so a send stalled by the attack counts against the attack even if it is acknowledged later.
 * The node's gauges keep their maximum and last value. Written from the load's event loops, the sampler and the
 * login probe; read by the reporter.
 */
final class PhaseStats {

    /** A sample of the node's gauges for the over-time series. */
    record Sample(double seconds, long rssBytes, long directBytes, long heapBytes, int fds, double acksPerSecond) {
    }

    final int index;
    final String attack;
    final String phase;
    final long startNanos = System.nanoTime();
    volatile long endNanos;
    final LongAdder acks = new LongAdder();
    final LongAdder failures = new LongAdder();
    final Map<Integer, LongAdder> failureCodes = new ConcurrentHashMap<>();
    final LongAdder received = new LongAdder();
    final Latency ackLatency = new Latency();
    final Latency deliveryLatency = new Latency();
    final LongAdder loginsOk = new LongAdder();
    final LongAdder loginsFailed = new LongAdder();
    final Gauge rss = new Gauge();
    final Gauge direct = new Gauge();
    final Gauge heap = new Gauge();
    final Gauge fds = new Gauge();
    final List<Sample> samples = new CopyOnWriteArrayList<>();
    volatile String attackerStatus = "";
    /** Log lines seen during the phase; -1 without {@code --server-log}. Written by the sampler only. */
    volatile long oomErrors = -1;
    volatile long directMemoryErrors = -1;

    PhaseStats(int index, String attack, String phase) {
        this.index = index;
        this.attack = attack;
        this.phase = phase;
    }

    void logged(LogWatch.Found found) {
        if (found.outOfMemory() >= 0) {
            oomErrors = Math.max(oomErrors, 0) + found.outOfMemory();
            directMemoryErrors = Math.max(directMemoryErrors, 0) + found.directMemory();
        }
    }

    void failed(int code) {
        failures.increment();
        failureCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    double seconds() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return (end - startNanos) / 1e9;
    }

    double acksPerSecond() {
        return acks.sum() / Math.max(seconds(), 1e-3);
    }

    /** Failure counts by status code, e.g. {@code {4=680}}. */
    Map<Integer, Long> codes() {
        Map<Integer, Long> out = new TreeMap<>();
        failureCodes.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    /** Maximum and last value of a gauge over the phase; -1 when never sampled. */
    static final class Gauge {
        private long max = -1;
        private long last = -1;

        synchronized void record(long value) {
            if (value < 0) {
                return;
            }
            max = Math.max(max, value);
            last = value;
        }

        synchronized long max() {
            return max;
        }

        synchronized long last() {
            return last;
        }
    }
}
