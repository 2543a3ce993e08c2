package io.hearth.client.sync;

import io.hearth.client.HearthException;
import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.SessionInfoResult;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the app's copy of one versioned kind of the user's data (friends, friend requests, settings) in step with
 * the server. It holds the last version handed to the {@link VersionListener} and pulls what changed after it when
 * the server announces a newer one: a {@code Notice} of its kind, a newer version in {@code session.info} after each
 * (re)connect, or the reply of a change this client made (which gets no Notice). One pull at a time; an announcement
 * during a pull is pulled right after it; a page that says there is more ({@code version < head}) is followed at
 * once. A pull that fails for a passing reason (4, 249, 250, I/O) is retried with backoff while connected; other
 * codes wait for the next announcement.
 *
 * <p>Created by {@link VersionSyncs#register}. Confined to the client's event loop, except {@link #version()} and
 * {@link #close()}, which any thread may call.
 */
public final class VersionSync<E> implements AutoCloseable {

    /** Sends the kind's pull RPC for the entries changed after {@code sinceVersion}; completes on the loop. */
    @FunctionalInterface
    public interface Puller<E> {
        CompletableFuture<VersionPage<E>> pull(long sinceVersion);
    }

    private static final Logger log = LoggerFactory.getLogger(VersionSync.class);

    private final String kind;
    private final ToLongFunction<SessionInfoResult> sessionVersion;
    private final Puller<E> puller;
    private final VersionListener<E> listener;
    private final ScheduledExecutorService loop;
    private final Backoff backoff;
    private final VersionSyncs owner;
    private volatile long version;
    /** The highest version announced; a pull runs while it is above {@link #version}. */
    private long target;
    private boolean active;
    private boolean pulling;
    /** Pull once even without a newer announcement (session.info failed, or a retry). */
    private boolean force;
    private int epoch;
    private int failures;
    private ScheduledFuture<?> retryTimer;

    VersionSync(String kind, ToLongFunction<SessionInfoResult> sessionVersion, Puller<E> puller,
            VersionListener<E> listener, long fromVersion, ScheduledExecutorService loop, Backoff backoff,
            VersionSyncs owner) {
        this.kind = kind;
        this.sessionVersion = sessionVersion;
        this.puller = puller;
        this.listener = listener;
        this.version = fromVersion;
        this.target = fromVersion;
        this.loop = loop;
        this.backoff = backoff;
        this.owner = owner;
    }

    /** The {@code Notice} kind this sync follows ({@code NoticeKinds}). */
    public String kind() {
        return kind;
    }

    /** The version of the last change handed to the listener (or the {@code fromVersion}). Any thread. */
    public long version() {
        return version;
    }

    /** Stops following the kind; a pull in flight is ignored. Any thread. */
    @Override
    public void close() {
        owner.remove(this);
    }

    long currentVersion(SessionInfoResult info) {
        return sessionVersion.applyAsLong(info);
    }

    /** The server has (at least) {@code announced}. */
    void announce(long announced) {
        if (announced > target) {
            target = announced;
        }
        pump();
    }

    /** A session is ready; {@code current} is the server's version from session.info, empty when it failed. */
    void resume(OptionalLong current) {
        active = true;
        failures = 0;
        if (current.isPresent()) {
            announce(current.getAsLong());
        } else {
            force = true;
            pump();
        }
    }

    /** The session is gone: forget the pull in flight and any retry; the next {@link #resume} catches up. */
    void stop() {
        active = false;
        pulling = false;
        epoch++;
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
    }

    private void pump() {
        if (!active || pulling || (!force && target <= version)) {
            return;
        }
        force = false;
        pulling = true;
        int pullEpoch = epoch;
        long announcedBefore = target;
        puller.pull(version).whenComplete((page, error) -> {
            if (pullEpoch != epoch) {
                return;
            }
            pulling = false;
            if (error != null) {
                pullFailed(error, pullEpoch);
                return;
            }
            failures = 0;
            if (page.version() > version) {
                version = page.version();
                deliver(page);
            } else if (target == announcedBefore) {
                // nothing newer than what we hold, and nothing announced meanwhile: the announcement is satisfied
                target = version;
            }
            if (page.head() > target) {
                target = page.head();
            }
            pump();
        });
    }

    private void deliver(VersionPage<E> page) {
        try {
            listener.onChanged(page.entries(), page.version());
        } catch (RuntimeException e) {
            log.warn("VersionListener of {} threw at version {}", kind, page.version(), e);
        }
    }

    private void pullFailed(Throwable failure, int pullEpoch) {
        Throwable error = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!retryable(error)) {
            log.warn("{} pull from version {} refused; waiting for the next change: {}", kind, version, error.toString());
            target = version;
            return;
        }
        force = true;
        long delay = backoff.delayMillis(failures++);
        log.debug("{} pull from version {} failed, retrying in {} ms: {}", kind, version, delay, error.toString());
        retryTimer = loop.schedule(() -> {
            retryTimer = null;
            if (pullEpoch == epoch) {
                pump();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static boolean retryable(Throwable error) {
        if (!(error instanceof HearthException e)) {
            return true;
        }
        int code = e.code();
        return code == Status.SERVER_ERROR.code() || code == Status.TIMEOUT.code()
                || code == Status.OVER_FREQUENCY.code();
    }
}
