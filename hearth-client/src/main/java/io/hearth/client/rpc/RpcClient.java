package io.hearth.client.rpc;

import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The correlation table of a client's RPCs. A call gets an id (its Correlation Data) and a timeout (code 249); it is
 * written at once when a connection is attached, held while the client is (re)connecting and written when the next
 * session is ready, or failed at once while the client is idle, kicked or closed. A written call whose connection
 * is lost fails (outcome unknown) unless it is resendable (idempotent on the server): then it is written again on the
 * next session with the same id. Replies complete calls by id, so a call completes once.
 *
 * <p>Confined to the client's event loop: every method, the timeouts, and so the completion of every future.
 */
public final class RpcClient {

    private static final Logger log = LoggerFactory.getLogger(RpcClient.class);
    private static final int PUBACK_QUOTA_EXCEEDED = 0x97;
    private static final int PUBACK_NOT_AUTHORIZED = 0x87;

    private final ScheduledExecutorService loop;
    private final long timeoutMillis;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private long lastId;
    private RequestWriter writer;
    private HearthException rejectCause = new HearthException(Status.SERVER_ERROR, "not connected");

    public RpcClient(ScheduledExecutorService loop, Duration timeout) {
        this.loop = loop;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Sends a request (protobuf bytes) to {@code rpc/<method>}; the future completes with the raw reply. */
    public CompletableFuture<Reply> call(String method, byte[] payload) {
        return call(method, payload, false);
    }

    /**
     * Like {@link #call(String, byte[])}; a {@code resendable} request (one the server answers the same way when it
     * gets it twice, such as a send with a client message id) that was written to a connection that is then lost
     * is not failed: it is held and written again on the next session, with a new request timeout.
     */
    public CompletableFuture<Reply> call(String method, byte[] payload, boolean resendable) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        if (rejectCause != null) {
            future.completeExceptionally(rejectCause);
            return future;
        }
        long id = ++lastId;
        Pending p = new Pending(id, method, payload, future, resendable);
        pending.put(id, p);
        startTimer(p);
        if (writer != null) {
            write(p);
        }
        return future;
    }

    /** A session is ready: write held calls, in call order, and every later call at once. */
    public void attach(RequestWriter writer) {
        this.writer = writer;
        this.rejectCause = null;
        for (Pending p : new ArrayList<>(pending.values())) {
            if (!p.written && this.writer == writer) {
                write(p);
            }
        }
    }

    /** The client is (re)connecting: hold calls until {@link #attach}. */
    public void hold() {
        writer = null;
        rejectCause = null;
    }

    /**
     * The connection is lost: fail calls already written (their outcome is unknown), except resendable ones, which
     * are held with the new ones and written again, in call order, by the next {@link #attach}.
     */
    public void detach(HearthException cause) {
        hold();
        for (Pending p : pending.values()) {
            if (p.written && p.resendable) {
                p.written = false;
                p.timer.cancel(false);
                startTimer(p);
                log.debug("request {} ({}) lost its connection before the reply; resent on the next session",
                        p.id, p.method);
            }
        }
        failWhere(true, cause);
    }

    /** The client is idle, kicked or closed: fail every call, now and until the next {@link #hold}/{@link #attach}. */
    public void reject(HearthException cause) {
        writer = null;
        rejectCause = cause;
        failWhere(false, cause);
    }

    /** A reply arrived on the response topic. */
    public void complete(long id, Reply reply) {
        Pending p = pending.remove(id);
        if (p == null) {
            log.debug("reply for unknown or expired request {}", id);
            return;
        }
        p.timer.cancel(false);
        p.future.complete(reply);
    }

    /** The server PUBACKed request {@code id} with a failure reason code (0x80 and above). */
    public void rejected(long id, int reasonCode) {
        if (reasonCode == PUBACK_QUOTA_EXCEEDED) {
            fail(id, new HearthException(Status.OVER_FREQUENCY, "server busy (PUBACK 0x97)"));
        } else if (reasonCode == PUBACK_NOT_AUTHORIZED) {
            fail(id, new HearthException(Status.NOT_RIGHT, "request topic not allowed (PUBACK 0x87)"));
        } else {
            log.debug("request {} PUBACKed with 0x{}, waiting for its reply", id, Integer.toHexString(reasonCode));
        }
    }

    /** Calls not yet completed (for tests and diagnostics). */
    public int pendingCount() {
        return pending.size();
    }

    private void startTimer(Pending p) {
        p.timer = loop.schedule(() -> fail(p.id, new HearthException(Status.TIMEOUT,
                p.method + " got no reply within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void write(Pending p) {
        p.written = true;
        writer.writeRequest(p.method, p.id, p.payload);
    }

    private void fail(long id, HearthException cause) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.timer.cancel(false);
            p.future.completeExceptionally(cause);
        }
    }

    private void failWhere(boolean writtenOnly, HearthException cause) {
        List<Long> ids = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (p.written || !writtenOnly) {
                ids.add(p.id);
            }
        }
        ids.forEach(id -> fail(id, cause));
    }

    private static final class Pending {
        private final long id;
        private final String method;
        private final byte[] payload;
        private final CompletableFuture<Reply> future;
        private final boolean resendable;
        private boolean written;
        private ScheduledFuture<?> timer;

        private Pending(long id, String method, byte[] payload, CompletableFuture<Reply> future, boolean resendable) {
            this.id = id;
            this.method = method;
            this.payload = payload;
            this.future = future;
            this.resendable = resendable;
        }
    }
}
