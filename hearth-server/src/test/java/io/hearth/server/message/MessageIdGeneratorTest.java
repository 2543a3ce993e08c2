package io.hearth.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.testing.JsNumbers;
import io.hearth.server.testing.ManualClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class MessageIdGeneratorTest {

    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    /** A uid of the earlier 64-bit layout, from the issue: JavaScript sends it back as ...380. */
    private static final long LEGACY_UID = 193_288_889_792_741_376L;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z").toEpochMilli());

    @Test
    void aMillionUidsFromSeveralThreadsAreDistinctSafeAndIncreasingPerThread() throws Exception {
        MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 5);
        int threads = 4;
        List<long[]> perThread = generate(threads, 1_000_000 / threads, i -> ids::next);

        for (long[] seq : perThread) {
            for (int i = 1; i < seq.length; i++) {
                assertThat(seq[i]).isGreaterThan(seq[i - 1]);
            }
        }
        long[] all = concat(perThread);
        assertThat(all).hasSize(1_000_000);
        assertAllDistinct(all);
        assertThat(Arrays.stream(all).min().orElseThrow()).isPositive();
        assertThat(Arrays.stream(all).max().orElseThrow()).isLessThanOrEqualTo(MAX_SAFE_INTEGER);
        assertThat(Arrays.stream(all).allMatch(u -> MessageIdGenerator.nodeOf(u) == 5)).isTrue();
    }

    @Test
    void threeNodesGeneratingAMillionEachConcurrentlyNeverCollide() throws Exception {
        int[] nodes = {0, 1, 127};
        MessageIdGenerator[] gens = new MessageIdGenerator[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            gens[i] = new MessageIdGenerator(Clock.systemUTC(), nodes[i]);
        }
        List<long[]> perNode = generate(nodes.length, 1_000_000, i -> gens[i]::next);

        for (int i = 0; i < nodes.length; i++) {
            int node = nodes[i];
            assertThat(Arrays.stream(perNode.get(i)).allMatch(u -> MessageIdGenerator.nodeOf(u) == node)).isTrue();
        }
        long[] all = concat(perNode);
        assertThat(all).hasSize(3_000_000);
        assertAllDistinct(all);
        assertThat(Arrays.stream(all).allMatch(u -> u > 0 && u <= MAX_SAFE_INTEGER)).isTrue();
    }

    @Test
    void aStoppedClockBorrowsFromTheNextTicksAndStaysIncreasing() {
        MessageIdGenerator ids = new MessageIdGenerator(clock, 42);
        long previous = 0;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) { // ~195 ticks' worth on one tick of the clock
            long id = ids.next();
            assertThat(id).isGreaterThan(previous).isLessThanOrEqualTo(MAX_SAFE_INTEGER);
            assertThat(MessageIdGenerator.nodeOf(id)).isEqualTo(42);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
        // the time part ran ahead of the clock: 100,000 uids at 512 per 10 ms tick is ~1.95 s
        assertThat(MessageIdGenerator.millisOf(previous) - clock.millis()).isBetween(1_900L, 2_000L);
        clock.now += 60_000; // the clock passes it again: back to the clock's time
        long later = ids.next();
        assertThat(later).isGreaterThan(previous);
        assertThat(MessageIdGenerator.millisOf(later)).isEqualTo(clock.millis());
    }

    @Test
    void clockSteppingBackNeverRepeatsAUid() {
        MessageIdGenerator ids = new MessageIdGenerator(clock, 1);
        long previous = ids.next();
        for (int step = 0; step < 2_000; step++) {
            clock.now -= step % 3 == 0 ? 5_000 : -1; // back 5 s every third step, otherwise forward 1 ms
            for (int i = 0; i < 10; i++) {
                long id = ids.next();
                assertThat(id).isGreaterThan(previous);
                previous = id;
            }
        }
    }

    @Test
    void aRestartedGeneratorStartsAboveTheLargestStoredUidWhateverTheClock() {
        MessageIdGenerator before = new MessageIdGenerator(clock, 9);
        long last = 0;
        for (int i = 0; i < 100_000; i++) { // runs ~2 s ahead of the stopped clock
            last = before.next();
        }
        clock.now -= 5_000;

        MessageIdGenerator restarted = new MessageIdGenerator(clock, 9, last);
        long previous = last;
        for (int i = 0; i < 10_000; i++) {
            long id = restarted.next();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        // uids of the earlier layout say nothing about the new one: the clock decides
        long legacy = 193_288_889_792_741_376L;
        assertThat(MessageIdGenerator.millisOf(new MessageIdGenerator(clock, 9, legacy).next()))
                .isEqualTo(clock.millis());
    }

    @Test
    void differentNodesNeverCollideInTheSameTick() {
        Set<Long> all = new HashSet<>();
        for (int node = 0; node < 128; node++) {
            MessageIdGenerator ids = new MessageIdGenerator(clock, node);
            for (int i = 0; i < 1_000; i++) {
                assertThat(all.add(ids.next())).isTrue();
            }
        }
    }

    @Test
    void uidsAreNeverZeroOrNegativeAtOrBeforeTheEpoch() {
        ManualClock atEpoch = new ManualClock(MessageIdGenerator.EPOCH);
        assertThat(new MessageIdGenerator(atEpoch, 0).next()).isEqualTo(1);
        ManualClock before = new ManualClock(Instant.parse("2025-06-01T00:00:00Z").toEpochMilli());
        MessageIdGenerator ids = new MessageIdGenerator(before, 0);
        long previous = 0;
        for (int i = 0; i < 2_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void nodeAndTimeDecodeForBothLayouts() {
        MessageIdGenerator ids = new MessageIdGenerator(clock, 127);
        long uid = ids.next();
        assertThat(MessageIdGenerator.nodeOf(uid)).isEqualTo(127);
        assertThat(MessageIdGenerator.millisOf(uid)).isEqualTo(clock.millis());

        // the earlier layout: 42 bits ms since 2024-01-01, 7 node bits, 14 counter bits
        long legacyMillis = Instant.parse("2026-11-30T08:00:00Z").toEpochMilli();
        long legacy = ((legacyMillis - 1704067200000L) << 21) | (3L << 14) | 77;
        assertThat(legacy).isGreaterThan(MAX_SAFE_INTEGER);
        assertThat(MessageIdGenerator.nodeOf(legacy)).isEqualTo(3);
        assertThat(MessageIdGenerator.millisOf(legacy)).isEqualTo(legacyMillis);
        assertThat(MessageIdGenerator.nodeOf(LEGACY_UID)).isBetween(0, 127);
    }

    @Test
    void newUidsSurviveAJavaScriptRoundTripAndTheOldOnesDoNot() {
        assertThat(JsNumbers.roundTrip(LEGACY_UID)).isEqualTo("193288889792741380");
        MessageIdGenerator ids = new MessageIdGenerator(clock, 127);
        for (int i = 0; i < 10_000; i++) {
            long uid = ids.next();
            assertThat(JsNumbers.roundTrip(uid)).isEqualTo(Long.toString(uid));
        }
        assertThat(JsNumbers.roundTrip(MAX_SAFE_INTEGER)).isEqualTo(Long.toString(MAX_SAFE_INTEGER));
    }

    @Test
    void refusesToLeaveTheSafeRangeWhenTheTimeBitsRunOut() {
        ManualClock end = new ManualClock(MessageIdGenerator.EPOCH + ((1L << 37) - 1) * MessageIdGenerator.TICK_MILLIS);
        assertThat(Instant.ofEpochMilli(end.now)).isBetween(Instant.parse("2069-07-21T00:00:00Z"),
                Instant.parse("2069-07-22T00:00:00Z"));
        MessageIdGenerator ids = new MessageIdGenerator(end, 127);
        long last = 0;
        for (int i = 0; i < 512; i++) {
            last = ids.next();
        }
        assertThat(last).isEqualTo(MAX_SAFE_INTEGER);
        assertThatThrownBy(ids::next).isInstanceOf(IllegalStateException.class);
        end.now += 1_000;
        assertThatThrownBy(ids::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsNodeIdsThatDoNotFitSevenBits() {
        assertThatThrownBy(() -> new MessageIdGenerator(clock, 128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageIdGenerator(clock, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code threads} threads started together, thread {@code i} calling {@code source.apply(i)} {@code n} times. */
    private static List<long[]> generate(int threads, int n, IntFunction<LongSupplier> source)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<long[]>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            LongSupplier next = source.apply(t);
            CompletableFuture<long[]> run = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    long[] out = new long[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = next.getAsLong();
                    }
                    run.complete(out);
                } catch (Throwable e) {
                    run.completeExceptionally(e);
                }
            }, "uid-" + t);
            thread.start();
            runs.add(run);
        }
        start.countDown();
        List<long[]> out = new ArrayList<>();
        for (CompletableFuture<long[]> run : runs) {
            out.add(run.get());
        }
        return out;
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static void assertAllDistinct(long[] uids) {
        long[] sorted = uids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new AssertionError("uid " + sorted[i] + " issued twice");
            }
        }
    }
}
