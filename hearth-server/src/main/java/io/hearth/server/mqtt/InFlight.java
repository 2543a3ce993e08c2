package io.hearth.server.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The RPCs of one connection that were read and not yet answered, so that a drain can let them finish before it
 * redirects the client, and whether that redirect has started. {@link #started} runs on the connection's event loop, {@link #finished} on whatever thread
 * completed the call (after its reply was written), {@link #idle} on the drain's thread; hence synchronized.
 */
final class InFlight {

    private int calls;
    private List<CompletableFuture<Void>> waiters;
    private boolean redirecting;

    synchronized void started() {
        calls++;
    }

    void finished() {
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            calls--;
            if (calls > 0 || waiters == null) {
                return;
            }
            done = waiters;
            waiters = null;
        }
        done.forEach(w -> w.complete(null));
    }

    /** Completes when no call is in flight: at once when none is, else when the last one has replied. */
    synchronized CompletableFuture<Void> idle() {
        if (calls == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> w = new CompletableFuture<>();
        if (waiters == null) {
            waiters = new ArrayList<>();
        }
        waiters.add(w);
        return w;
    }

    synchronized int count() {
        return calls;
    }

    /** Whether a drain is redirecting the connection (it is then not read any more). */
    synchronized boolean redirecting() {
        return redirecting;
    }

    /** Marks the connection as being redirected by a drain; true the first time only. */
    synchronized boolean startRedirect() {
        boolean first = !redirecting;
        redirecting = true;
        return first;
    }
}
