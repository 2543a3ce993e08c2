package io.hearth.server.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The node's connections that have not logged in yet, at most {@code mqtt.max_pending_connections}. When a new one
 * would go over, the <em>oldest</em> is closed: a client that connects to log in finishes within milliseconds,
 * while a flood of connections that never send CONNECT (each would hold a descriptor for
 * {@code netty.channel_timeout.seconds}) only ever pushes out its own. So such a flood can hold no more than this
 * many descriptors, and a real login still gets through it. Any thread (event loops add and remove).
 */
final class PendingConnections {

    private final int limit;
    private final LinkedHashSet<Connection> pending = new LinkedHashSet<>();
    private final Counter evicted;

    PendingConnections(int limit, MeterRegistry meters) {
        this.limit = limit;
        this.evicted = Counter.builder("hearth.connections.pending.evicted")
                .description("connections closed before login because newer ones needed their place").register(meters);
        Gauge.builder("hearth.connections.pending", this, PendingConnections::size)
                .description("connections that have not logged in yet").register(meters);
    }

    /** A new connection; closes the oldest pending one when the limit is reached. */
    void arrived(Connection c) {
        Connection oldest = null;
        synchronized (pending) {
            if (pending.size() >= limit) {
                Iterator<Connection> it = pending.iterator();
                oldest = it.next();
                it.remove();
            }
            pending.add(c);
        }
        c.channel().closeFuture().addListener(f -> left(c));
        if (oldest != null) {
            evicted.increment();
            Disconnector.close(oldest, "no login yet and " + limit + " newer connections are waiting (mqtt.max_pending_connections)");
        }
    }

    /** The connection logged in or closed. */
    void left(Connection c) {
        synchronized (pending) {
            pending.remove(c);
        }
    }

    int size() {
        synchronized (pending) {
            return pending.size();
        }
    }
}
