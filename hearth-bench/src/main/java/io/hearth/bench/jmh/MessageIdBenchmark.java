package io.hearth.bench.jmh;

import io.hearth.server.message.MessageIdGenerator;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one message uid on the system clock, from one thread and from two contending ones. At these rates the
 * generator runs far ahead of the clock (it borrows later ticks), which is the path a burst takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MessageIdBenchmark {

    private final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 1);

    @Benchmark
    public long next() {
        return ids.next();
    }

    @Benchmark
    @Threads(2)
    public long nextContended() {
        return ids.next();
    }
}
