package io.hearth.server.retention;

import io.hearth.server.config.HearthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges what {@code message.retention_days} no longer keeps, on one thread of its own: a run goes through every
 * user timeline and then every shared timeline in purge transactions of at most {@code message.retention_batch_rows}
 * entries ({@link RetentionStore#purge}), pausing {@code message.retention_pause_ms} between two, and the next run
 * starts {@code message.retention_interval_seconds} after it ended. Every node runs it: a second node deletes what
 * the first left, or nothing. A run that fails (database gone) is logged and tried again at the next interval; a
 * stopped node starts over at its next start, which finds the purged part gone at once. Progress:
 * {@code hearth.retention.purged.entries} (tag {@code timelines} users or shared), {@code hearth.retention.purged
 * .messages}, {@code hearth.retention.runs}, {@code hearth.retention.cutoff} (epoch ms of the last finished run's
 * cutoff) and a log line at the start and end of each run and every {@value #LOG_EVERY} transactions.
 */
public final class RetentionJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final int TIMELINES_PER_BATCH = 500;
    private static final int LOG_EVERY = 100;

    private final RetentionStore store;
    private final HearthConfig.Retention config;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Counter userEntries;
    private final Counter sharedEntries;
    private final Counter messages;
    private final Counter runs;
    private final AtomicLong lastCutoff = new AtomicLong();
    private volatile boolean closed;

    public RetentionJob(RetentionStore store, HearthConfig.Retention config, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-retention");
            t.setDaemon(true);
            return t;
        });
        this.userEntries = entries(metrics, "users");
        this.sharedEntries = entries(metrics, "shared");
        this.messages = Counter.builder("hearth.retention.purged.messages")
                .description("message rows the retention purge deleted").register(metrics);
        this.runs = Counter.builder("hearth.retention.runs").description("retention runs finished").register(metrics);
        Gauge.builder("hearth.retention.cutoff", lastCutoff, AtomicLong::get)
                .description("epoch ms before which the last finished run purged").register(metrics);
    }

    private static Counter entries(MeterRegistry metrics, String timelines) {
        return Counter.builder("hearth.retention.purged.entries").tag("timelines", timelines)
                .description("timeline entries the retention purge deleted").register(metrics);
    }

    /** Starts the runs when {@code message.retention_days} is set; does nothing otherwise. */
    public void start() {
        if (config.enabled()) {
            thread.scheduleWithFixedDelay(this::run, 0, config.intervalSeconds(), TimeUnit.SECONDS);
        }
    }

    private void run() {
        long cutoff = config.cutoff(clock.millis());
        long started = System.nanoTime();
        log.info("retention run: purging entries and messages older than {} days (before {})", config.days(),
                java.time.Instant.ofEpochMilli(cutoff));
        try {
            long[] users = purge(RetentionStore.Timelines.USERS, cutoff, userEntries);
            long[] shared = closed ? new long[2] : purge(RetentionStore.Timelines.SHARED, cutoff, sharedEntries);
            if (closed) {
                log.info("retention run stopped with the node; the next start runs again");
                return;
            }
            runs.increment();
            lastCutoff.set(cutoff);
            log.info("retention run done in {} s: {} user timeline entries, {} shared timeline entries, {} messages",
                    String.format("%.1f", (System.nanoTime() - started) / 1e9), users[0], shared[0],
                    users[1] + shared[1]);
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("retention run failed; trying again in {} s", config.intervalSeconds(), e);
            }
        }
    }

    /** Purges one kind of timeline to the end; answers {entries, messages}. */
    private long[] purge(RetentionStore.Timelines timelines, long cutoff, Counter entries) {
        String cursor = "";
        long[] total = new long[2];
        int batches = 0;
        while (!closed) {
            RetentionStore.Purge p = store.purge(timelines, cursor, cutoff, config.batchRows(), TIMELINES_PER_BATCH);
            entries.increment(p.entries());
            messages.increment(p.messages());
            total[0] += p.entries();
            total[1] += p.messages();
            if (++batches % LOG_EVERY == 0) {
                log.info("retention run: {} timelines up to '{}': {} entries, {} messages so far",
                        timelines.name().toLowerCase(), p.cursor(), total[0], total[1]);
            }
            if (p.finished()) {
                break;
            }
            cursor = p.cursor();
            pause();
        }
        return total;
    }

    private void pause() {
        if (config.pauseMillis() > 0) {
            try {
                Thread.sleep(config.pauseMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
