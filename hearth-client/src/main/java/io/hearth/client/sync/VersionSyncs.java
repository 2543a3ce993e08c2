package io.hearth.client.sync;

import io.hearth.client.reconnect.Backoff;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.SessionInfoResult;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VersionSync}s of one client and what drives them: the client's session events (connected: one
 * {@code session.info} for all of them; disconnected or kicked: stop), the {@code Notice}s pushed to the session,
 * and the versions in the replies of this client's own changes. With no sync registered it does nothing (no
 * {@code session.info} call).
 *
 * <p>{@link #register} and {@link VersionSync#close()} may be called from any thread; everything else runs on the
 * client's event loop.
 */
public final class VersionSyncs {

    private static final Logger log = LoggerFactory.getLogger(VersionSyncs.class);

    private final EventExecutor loop;
    private final Supplier<CompletableFuture<SessionInfoResult>> sessionInfo;
    private final Backoff backoff;
    private final List<VersionSync<?>> syncs = new ArrayList<>();
    private boolean connected;
    /** Counts sessions, so a session.info answer of an earlier session is ignored. */
    private int session;

    public VersionSyncs(EventExecutor loop, Supplier<CompletableFuture<SessionInfoResult>> sessionInfo,
            Backoff backoff) {
        this.loop = loop;
        this.sessionInfo = sessionInfo;
        this.backoff = backoff;
    }

    /**
     * Follows {@code kind} from {@code fromVersion} (0: everything): once the client is connected (now, if it is),
     * compares with the session's version and pulls what is newer, then keeps pulling as changes are announced.
     */
    public <E> VersionSync<E> register(String kind, ToLongFunction<SessionInfoResult> sessionVersion,
            VersionSync.Puller<E> puller, VersionListener<E> listener, long fromVersion) {
        VersionSync<E> sync = new VersionSync<>(kind, sessionVersion, puller, listener, fromVersion, loop, backoff,
                this);
        onLoop(() -> {
            syncs.add(sync);
            if (connected) {
                refresh(List.of(sync));
            }
        });
        return sync;
    }

    void remove(VersionSync<?> sync) {
        onLoop(() -> {
            syncs.remove(sync);
            sync.stop();
        });
    }

    /** A session is established and caught up. */
    public void onConnected() {
        connected = true;
        session++;
        refresh(List.copyOf(syncs));
    }

    /** The session is gone (lost, kicked or refused for good). */
    public void onDisconnected() {
        connected = false;
        session++;
        syncs.forEach(VersionSync::stop);
    }

    /** The client is closed: stop every sync for good. */
    public void close() {
        onDisconnected();
        syncs.clear();
    }

    /** A Notice pushed to this session. */
    public void onNotice(Notice notice) {
        announce(notice.getKind(), notice.getVersion());
    }

    /** A change made by this client answered with the user's new {@code version} of {@code kind}. */
    public void observed(String kind, long version) {
        announce(kind, version);
    }

    private void announce(String kind, long version) {
        for (VersionSync<?> s : List.copyOf(syncs)) {
            if (s.kind().equals(kind)) {
                s.announce(version);
            }
        }
    }

    private void refresh(List<VersionSync<?>> targets) {
        if (targets.isEmpty()) {
            return;
        }
        int asked = session;
        sessionInfo.get().whenComplete((info, error) -> {
            if (asked != session) {
                return;
            }
            if (error != null) {
                log.debug("session.info for the version syncs failed, pulling instead: {}", error.toString());
            }
            for (VersionSync<?> s : targets) {
                if (syncs.contains(s)) {
                    s.resume(info != null ? OptionalLong.of(s.currentVersion(info)) : OptionalLong.empty());
                }
            }
        });
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("event loop gone, dropping a version sync change");
        }
    }
}
