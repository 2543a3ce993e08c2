package io.hearth.server.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Meters of the message writer: commit time and batch size (with p50/p99), messages stored, failed batches.
 * {@code hearth_writer_commit_seconds} is the first place to look when send latency grows.
 */
public final class WriterMetrics {

    private final Timer commit;
    private final DistributionSummary batch;
    private final Counter stored;
    private final Counter failures;
    private final Counter rejected;

    public WriterMetrics(MeterRegistry registry) {
        this.commit = Timer.builder("hearth.writer.commit").description("time to store one batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.batch = DistributionSummary.builder("hearth.writer.batch").description("messages per batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.stored = Counter.builder("hearth.messages.stored").register(registry);
        this.failures = Counter.builder("hearth.writer.failed.batches").register(registry);
        this.rejected = Counter.builder("hearth.writer.rejected.messages")
                .description("messages the database refused for their data; each failed alone, not its batch")
                .register(registry);
    }

    /** Meters that go nowhere, for tests. */
    public static WriterMetrics none() {
        return new WriterMetrics(new SimpleMeterRegistry());
    }

    void committed(int messages, long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
        batch.record(messages);
        stored.increment(messages);
    }

    void failed() {
        failures.increment();
    }

    void rejected() {
        rejected.increment();
    }
}
