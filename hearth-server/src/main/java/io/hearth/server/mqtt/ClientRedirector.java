package io.hearth.server.mqtt;

import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every client of this node to other nodes, one batch per pause, so the other nodes see a steady trickle of
 * reconnects instead of a storm: an MQTT 5 client gets DISCONNECT 0x9C (Use another server) with a Server
 * Reference, or 0x8B (Server shutting down) when there is no other node; an MQTT 3.1.1 client is closed and goes
 * back to the route. Before that the connection stops being read and its requests already read may finish (up to
 * the in-flight wait), so their replies reach the client. Clients that log in while the node drains are moved by
 * later passes. The batches run on a scheduler thread of their own, one per {@link #redirectAll} call; the
 * redirect itself on the thread that answered the last request (or the timeout's).
 */
public final class ClientRedirector {

    private static final Logger log = LoggerFactory.getLogger(ClientRedirector.class);
    static final String REASON = "node draining: use another server";

    /**
     * Where a client of a user should reconnect: {@code host:port} for its transport (WebSocket or TCP, with or
     * without TLS), or null for nowhere.
     */
    @FunctionalInterface
    public interface Target {
        String serverReference(String userId, boolean webSocket, boolean secure);
    }

    private final ConnectionRegistry registry;
    private final int batchSize;
    private final long pauseMillis;
    private final long graceMillis;
    private final long inFlightMillis;

    /**
     * @param batchSize connections closed per pass
     * @param pause     time between passes (the first pass also waits one pause, so the draining flag spreads)
     * @param grace     how long, after the last pass found nobody, to wait for connections still closing
     * @param inFlight  how long a connection's unanswered requests may delay its redirect (keep it below grace)
     */
    public ClientRedirector(ConnectionRegistry registry, int batchSize, Duration pause, Duration grace,
                            Duration inFlight) {
        this.registry = registry;
        this.batchSize = batchSize;
        this.pauseMillis = pause.toMillis();
        this.graceMillis = grace.toMillis();
        this.inFlightMillis = inFlight.toMillis();
    }

    /** Starts moving every connection; the future completes when none is left (or the grace time ran out). */
    public CompletableFuture<Void> redirectAll(Target target) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-redirect");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((v, e) -> timer.shutdown());
        timer.schedule(new Pass(target, timer, done), pauseMillis, TimeUnit.MILLISECONDS);
        return done;
    }

    /** One pass: the next batch of the current snapshot; a new snapshot when it is used up. Timer thread. */
    private final class Pass implements Runnable {
        private final Target target;
        private final ScheduledExecutorService timer;
        private final CompletableFuture<Void> done;
        private Iterator<Connection> snapshot = List.<Connection>of().iterator();
        private long idleSince = -1;
        private int moved;

        Pass(Target target, ScheduledExecutorService timer, CompletableFuture<Void> done) {
            this.target = target;
            this.timer = timer;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                if (!snapshot.hasNext()) {
                    snapshot = registry.all().stream().filter(c -> c.state() == Connection.State.ACTIVE).iterator();
                }
                int n = 0;
                while (n < batchSize && snapshot.hasNext()) {
                    Connection c = snapshot.next();
                    if (c.state() == Connection.State.ACTIVE) {
                        redirect(c);
                        n++;
                    }
                }
                moved += n;
                long now = System.currentTimeMillis();
                idleSince = n > 0 || snapshot.hasNext() ? -1 : idleSince < 0 ? now : idleSince;
                if (idleSince >= 0 && (registry.onlineConnections() == 0 || now - idleSince >= graceMillis)) {
                    log.info("redirected {} client(s); {} connection(s) left", moved, registry.onlineConnections());
                    done.complete(null);
                    return;
                }
                timer.schedule(this, pauseMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        /**
         * Stops reading the connection (no new request), lets the requests already read reply (bounded by the
         * in-flight wait), then redirects it: a send in flight is answered, not cut off with an unknown outcome.
         */
        private void redirect(Connection c) {
            if (!c.inFlight().startRedirect()) {
                return;
            }
            c.channel().config().setAutoRead(false);
            c.channel().eventLoop().execute(c::updateReading); // and it stays off, whatever else asks
            c.inFlight().idle().completeOnTimeout(null, inFlightMillis, TimeUnit.MILLISECONDS)
                    .thenRun(() -> disconnect(c))
                    .exceptionally(e -> {
                        log.warn("{}: redirect failed; closing it", c, e);
                        Disconnector.close(c, "node draining");
                        return null;
                    });
        }

        private void disconnect(Connection c) {
            if (c.inFlight().count() > 0) {
                log.info("{}: redirecting with {} request(s) still unanswered after {} ms", c, c.inFlight().count(),
                        inFlightMillis);
            }
            String reference = c.isMqtt5() ? target.serverReference(c.userId(), c.webSocket(), c.secure()) : null;
            if (reference != null) {
                Disconnector.disconnect(c, Disconnect.USE_ANOTHER_SERVER, REASON, reference);
            } else {
                Disconnector.disconnect(c, Disconnect.SERVER_SHUTTING_DOWN, "node draining and stopping");
            }
        }
    }
}
