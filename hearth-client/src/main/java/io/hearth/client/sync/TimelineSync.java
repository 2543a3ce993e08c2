package io.hearth.client.sync;

import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SendMessageResult;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pull loop of a {@link TimelineCursor} over a live session and hands deliverable entries to the sink.
 * {@link #start()} after each (re)connect pulls until caught up; pushes and own send results feed the cursor and
 * start a pull when they reveal a gap. A failed gap pull is retried with backoff on the same session; a failed
 * first pull fails the future of {@link #start()} so the caller can drop the session.
 *
 * <p>Every method must be called on the client's event loop; the puller's futures must complete there too.
 */
public final class TimelineSync {

    /** Sends {@code message.pull}. */
    @FunctionalInterface
    public interface Puller {
        CompletableFuture<PullMessageResult> pull(long sinceSeq, int limit);
    }

    private static final Logger log = LoggerFactory.getLogger(TimelineSync.class);
    private static final int PULL_LIMIT = 500;

    private final TimelineCursor cursor;
    private final Puller puller;
    private final Consumer<List<Message>> sink;
    private final ScheduledExecutorService loop;
    private final Backoff retryBackoff;
    private boolean active;
    private int epoch;
    private int failures;
    private CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> retryTimer;

    public TimelineSync(TimelineCursor cursor, Puller puller, Consumer<List<Message>> sink,
            ScheduledExecutorService loop, Backoff retryBackoff) {
        this.cursor = cursor;
        this.puller = puller;
        this.sink = sink;
        this.loop = loop;
        this.retryBackoff = retryBackoff;
    }

    public TimelineCursor cursor() {
        return cursor;
    }

    /** A session is ready: pull from lastSeq until caught up. The future completes (on the loop) when it is. */
    public CompletableFuture<Void> start() {
        stop();
        active = true;
        failures = 0;
        caughtUp = new CompletableFuture<>();
        cursor.requestSync();
        pump();
        return caughtUp;
    }

    /** The session is gone: forget the pull in flight; the next {@link #start()} resyncs. */
    public void stop() {
        epoch++;
        active = false;
        cursor.abortPull();
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
    }

    public void onPush(List<Message> entries, long head) {
        deliver(cursor.onPush(entries, head));
        pump();
    }

    public void onSendIssued(String clientMessageId) {
        cursor.onSendIssued(clientMessageId);
    }

    public void onSendFailed(String clientMessageId) {
        cursor.onSendFailed(clientMessageId);
    }

    public void onSendResult(String clientMessageId, SendMessageResult result) {
        deliver(cursor.onSendResult(clientMessageId, result.getSeq(), result.getMessageUid()));
        pump();
    }

    private void pump() {
        if (!active) {
            return;
        }
        OptionalLong since = cursor.nextPull();
        if (since.isEmpty()) {
            if (!cursor.busy()) {
                caughtUp.complete(null);
            }
            return;
        }
        int pullEpoch = epoch;
        puller.pull(since.getAsLong(), PULL_LIMIT).whenComplete((result, error) -> {
            if (pullEpoch != epoch) {
                return;
            }
            if (error != null) {
                pullFailed(error, pullEpoch);
                return;
            }
            failures = 0;
            if (result.getOldestSeq() > 0 && result.getMessagesCount() == 0) {
                log.warn("timeline entries after seq {} up to {} were purged by the server's retention; going on"
                        + " from seq {}", since.getAsLong(), result.getCurrent(), result.getOldestSeq());
                deliver(cursor.onPurged(result.getCurrent(), result.getHead()));
            } else {
                deliver(cursor.onPullResult(result.getMessagesList(), result.getHead()));
            }
            pump();
        });
    }

    private void pullFailed(Throwable error, int pullEpoch) {
        cursor.abortPull();
        if (!caughtUp.isDone()) {
            caughtUp.completeExceptionally(error);
            return;
        }
        long delay = retryBackoff.delayMillis(failures++);
        log.warn("pull from seq {} failed, retrying in {} ms: {}", cursor.lastSeq(), delay, error.toString());
        retryTimer = loop.schedule(() -> {
            if (pullEpoch == epoch) {
                pump();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void deliver(List<Message> messages) {
        if (!messages.isEmpty()) {
            sink.accept(List.copyOf(messages));
        }
    }
}
