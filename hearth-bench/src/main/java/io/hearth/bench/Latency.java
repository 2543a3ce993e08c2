package io.hearth.bench;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles recorded from many threads (HdrHistogram's Recorder: lock-free recording, exact enough
 * percentiles with bounded memory, which is why the benchmark uses it rather than sorting samples).
 */
public final class Latency {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, nanos / 1000));
    }

    /** Folds everything recorded so far into the total; call once at the end. */
    public Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total;
    }

    public static String describe(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }
}
