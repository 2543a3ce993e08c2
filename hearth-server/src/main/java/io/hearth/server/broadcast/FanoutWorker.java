package io.hearth.server.broadcast;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.FanoutStep;
import io.hearth.server.message.MessageStore;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fan-out jobs in the background, one at a time, on one thread of its own: every second (and when a job is
 * created here) it takes the open jobs it may ({@link FanoutStore#claim}: its own, or ones whose lease ran out)
 * and gives their message to every user in batches of {@code message.broadcast.batch_size}, each batch one item of
 * the message writer (so sends are written between batches) that also moves the job's cursor. A batch applies only
 * if the cursor is where this worker read it: a job resumed after a restart or taken over by another node continues
 * after the last committed batch and no user gets the message twice. Progress: {@code hearth.broadcast.deliveries}
 * (entries written), {@code hearth.broadcast.remaining} (users left of the running job, by the count at its start),
 * and a log line at start, every 20 batches and at the end.
 */
public final class FanoutWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FanoutWorker.class);
    private static final int LOG_EVERY = 20;

    private final FanoutStore store;
    private final MessageStore messages;
    private final TimelineWriter writer;
    private final int node;
    private final HearthConfig.Fanout config;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Counter deliveries;
    private final AtomicLong remaining = new AtomicLong();
    private volatile boolean closed;

    public FanoutWorker(FanoutStore store, MessageStore messages, TimelineWriter writer, int node,
                        HearthConfig.Fanout config, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.messages = messages;
        this.writer = writer;
        this.node = node;
        this.config = config;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-fanout");
            t.setDaemon(true);
            return t;
        });
        this.deliveries = Counter.builder("hearth.broadcast.deliveries")
                .description("timeline entries written by broadcasts").register(metrics);
        Gauge.builder("hearth.broadcast.remaining", remaining, AtomicLong::get)
                .description("users the running broadcast has yet to reach").register(metrics);
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
    }

    /** A job was created on this node: look now rather than at the next second. */
    public void wake() {
        if (!closed) {
            thread.execute(this::poll);
        }
    }

    private void poll() {
        try {
            for (FanoutJob open : store.open()) {
                if (closed) {
                    return;
                }
                long now = clock.millis();
                FanoutJob job = store.claim(open.jobId(), node, now, now + config.leaseSeconds() * 1000L);
                if (job != null) {
                    run(job);
                }
            }
        } catch (RuntimeException e) {
            log.warn("fan-out poll failed; trying again in a second", e);
        }
    }

    private void run(FanoutJob job) {
        StoredMessage message = messages.find(job.messageUid()).orElse(null);
        if (message == null) {
            log.warn("{} {} of message {} has no message; closed", job.kindName(), job.jobId(), job.messageUid());
            store.finish(job.jobId(), job.cursor(), clock.millis());
            return;
        }
        log.info("{} {} of message {}: {} of about {} users done, going on from '{}'", job.kindName(), job.jobId(),
                job.messageUid(), job.delivered(), job.total(), job.cursor());
        long started = System.nanoTime();
        long before = job.delivered();
        int batches = 0;
        while (!closed) {
            remaining.set(Math.max(0, job.total() - job.delivered()));
            List<String> users = store.usersAfter(job.cursor(), job.sender(), config.batchSize());
            long now = clock.millis();
            if (users.isEmpty()) {
                store.finish(job.jobId(), job.cursor(), now);
                remaining.set(0);
                double seconds = (System.nanoTime() - started) / 1e9;
                log.info("{} {} of message {} done: {} users ({} in {} s here, {}/s)", job.kindName(), job.jobId(),
                        job.messageUid(), job.delivered(), job.delivered() - before, String.format("%.1f", seconds),
                        Math.round((job.delivered() - before) / Math.max(seconds, 0.001)));
                return;
            }
            // read again each batch: a recall or edit meanwhile is what the rest of the users get pushed
            message = messages.find(job.messageUid()).orElse(message);
            String last = users.get(users.size() - 1);
            long lease = now + config.leaseSeconds() * 1000L;
            FanoutStep step = new FanoutStep(job.jobId(), job.cursor(), last, users.size(), lease, now);
            Status refused = write(message, users, step);
            if (refused == Status.NOT_EXIST) {
                log.info("{} {} moved on without this node (another node took it over); leaving it",
                        job.kindName(), job.jobId());
                return;
            }
            if (refused != null) {
                pause(refused == Status.OVER_FREQUENCY ? 50 : 1000);
                continue;
            }
            job = job.advanced(last, users.size(), lease);
            deliveries.increment(users.size());
            if (++batches % LOG_EVERY == 0) {
                log.info("{} {} of message {}: {} of about {} users", job.kindName(), job.jobId(), job.messageUid(),
                        job.delivered(), job.total());
            }
        }
        remaining.set(0);
        log.info("{} {} paused at '{}' ({} users done): the node is stopping; it resumes from there",
                job.kindName(), job.jobId(), job.cursor(), job.delivered());
    }

    /** Writes one batch; null when it committed, else the status it was refused with. */
    private Status write(StoredMessage message, List<String> users, FanoutStep step) {
        try {
            writer.extend(message, users, step).get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return Status.SERVER_ERROR;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusException s) {
                if (s.status() != Status.NOT_EXIST && s.status() != Status.OVER_FREQUENCY && !closed) {
                    log.warn("fan-out {} batch after '{}' failed ({}); trying it again", step.jobId(),
                            step.fromCursor(), s.getMessage());
                }
                return s.status();
            }
            log.warn("fan-out {} batch after '{}' failed; trying it again", step.jobId(), step.fromCursor(),
                    e.getCause());
            return Status.SERVER_ERROR;
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops between two batches (the job stays open, to be resumed) and waits for the thread. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("fan-out thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
