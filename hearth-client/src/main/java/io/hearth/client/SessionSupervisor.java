package io.hearth.client;

import io.hearth.client.connection.MqttClientHandler;
import io.hearth.client.connection.ServerRedirect;
import io.hearth.client.reconnect.Backoff;
import io.hearth.client.route.RouteClient;
import io.hearth.client.route.RouteResult;
import io.hearth.client.rpc.RpcClient;
import io.hearth.client.sync.TimelineSync;
import io.hearth.client.transport.ChannelOpener;
import io.hearth.client.transport.Endpoint;
import io.hearth.protocol.Status;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection lifecycle of one {@link HearthClient}: resolve the node (route or direct), open a channel, CONNECT,
 * subscribe, sync; after losing an established session notify, back off, and do it again; a kick or
 * {@link #close()} ends it for good. The first attempt of a {@link #connect()} reports its failure through the
 * returned future only; reconnect attempts stop on code 6 (token error) or 7 (kicked off). A {@link ServerRedirect}
 * (DISCONNECT 0x9C/0x9D, e.g. a draining node) is followed at once, without backoff, to the Server Reference or else
 * through the route; at most {@value #MAX_REDIRECTS} in a row without a session, then the usual backoff.
 *
 * <p>Every method runs on the client's event loop; callbacks from a connection that is no longer current are
 * ignored, so a late packet of a dead connection cannot touch the state of the next one.
 */
final class SessionSupervisor {

    enum State { IDLE, CONNECTING, SYNCING, CONNECTED, WAITING, KICKED, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(SessionSupervisor.class);
    static final int MAX_REDIRECTS = 3;

    private final ClientConfig config;
    private final EventLoop loop;
    private final ChannelOpener opener;
    private final RouteClient route;
    private final RpcClient rpc;
    private final TimelineSync sync;
    private final HearthListener listener;
    private final Backoff backoff;
    private volatile State state = State.IDLE;
    private MqttClientHandler current;
    private int attempt;
    private boolean reconnecting;
    private int failures;
    private CompletableFuture<Void> connectFuture;
    private ScheduledFuture<?> retryTimer;
    private Endpoint redirectTo;
    /** The last route answer's backup addresses not tried yet; used only after the main address failed. */
    private final Deque<Endpoint> backups = new ArrayDeque<>();
    private Endpoint fallbackTo;
    private int redirects;

    SessionSupervisor(ClientConfig config, EventLoop loop, ChannelOpener opener, RouteClient route, RpcClient rpc,
            TimelineSync sync, HearthListener listener, Backoff backoff) {
        this.config = config;
        this.loop = loop;
        this.opener = opener;
        this.route = route;
        this.rpc = rpc;
        this.sync = sync;
        this.listener = listener;
        this.backoff = backoff;
    }

    /** Safe from any thread. */
    State state() {
        return state;
    }

    CompletableFuture<Void> connect() {
        switch (state) {
            case CONNECTED:
                return CompletableFuture.completedFuture(null);
            case KICKED:
                return CompletableFuture.failedFuture(new HearthException(Status.KICKED_OFF, "this session was kicked"));
            case CLOSED:
                return CompletableFuture.failedFuture(new HearthException(Status.SERVER_ERROR, "client closed"));
            case IDLE:
                connectFuture = new CompletableFuture<>();
                reconnecting = false;
                failures = 0;
                open();
                return connectFuture;
            default:
                if (connectFuture == null || connectFuture.isDone()) {
                    connectFuture = new CompletableFuture<>();
                }
                return connectFuture;
        }
    }

    void close() {
        if (state == State.CLOSED) {
            return;
        }
        MqttClientHandler handler = drop();
        state = State.CLOSED;
        HearthException closed = new HearthException(Status.SERVER_ERROR, "client closed");
        rpc.reject(closed);
        if (handler != null) {
            handler.disconnect();
        }
        failConnect(closed);
    }

    private void open() {
        state = State.CONNECTING;
        rpc.hold();
        int id = ++attempt;
        resolve().whenComplete((endpoint, error) -> onLoop(() -> {
            if (id != attempt) {
                return;
            }
            if (error != null) {
                attemptFailed(unwrap(error));
                return;
            }
            boolean ws = endpoint.transport() == Transport.WEBSOCKET;
            MqttClientHandler handler = new MqttClientHandler(config, ws, new ConnectionEvents(this, id, rpc, sync, listener));
            current = handler;
            opener.open(endpoint, handler).whenComplete((channel, openError) -> {
                if (openError != null) {
                    onLoop(() -> {
                        if (id == attempt) {
                            attemptFailed(unwrap(openError));
                        }
                    });
                }
            });
        }));
    }

    private CompletableFuture<Endpoint> resolve() {
        Endpoint redirect = redirectTo != null ? redirectTo : fallbackTo;
        redirectTo = null;
        fallbackTo = null;
        if (redirect != null) {
            return CompletableFuture.completedFuture(redirect);
        }
        backups.clear();
        boolean secure = config.tls() != null;
        if (route == null) {
            return CompletableFuture.completedFuture(
                    new Endpoint(config.directHost(), config.directPort(), config.transport(), secure));
        }
        return route.route(config.userId(), config.clientId(), config.token(), config.platform(),
                config.transport().clientKind()).thenApply(r -> {
                    Endpoint main = endpoint(r, config.transport(), secure);
                    onLoop(() -> rememberBackups(r, secure));
                    return main;
                });
    }

    /** Backup addresses carry plain ports only, so a TLS client has none. */
    private void rememberBackups(RouteResult r, boolean secure) {
        backups.clear();
        if (secure) {
            return;
        }
        for (RouteResult.Backup b : r.backups()) {
            int port = config.transport() == Transport.TCP ? b.longPort() : b.wsPort();
            if (port > 0) {
                backups.add(new Endpoint(b.host(), port, config.transport(), false));
            }
        }
    }

    /** The route answer's address for this transport; with TLS the secure port, which the server must offer. */
    static Endpoint endpoint(RouteResult r, Transport transport, boolean secure) {
        if (transport == Transport.TCP) {
            if (secure && r.sslPort() <= 0) {
                throw new HearthException(Status.SERVER_ERROR, "the route offers no MQTT over TLS (sslPort):"
                        + " set ssl_port on the server, or connect without TLS");
            }
            return new Endpoint(r.host(), secure ? r.sslPort() : r.longPort(), transport, secure);
        }
        if (secure && r.wssPort() <= 0) {
            throw new HearthException(Status.SERVER_ERROR, "the route offers no secure WebSocket (wssPort):"
                    + " set secure_websocket_port or websocket_proxy_secure_port on the server");
        }
        return new Endpoint(r.wsHost(), secure ? r.wssPort() : r.wsPort(), transport, secure);
    }

    void sessionReady(int id) {
        if (state != State.CONNECTING) {
            return;
        }
        state = State.SYNCING;
        rpc.attach(current);
        sync.start().whenComplete((ignored, error) -> {
            if (id != attempt) {
                return;
            }
            if (error != null) {
                attemptFailed(unwrap(error));
                return;
            }
            state = State.CONNECTED;
            reconnecting = false;
            failures = 0;
            redirects = 0;
            log.debug("{}/{} connected at seq {}", config.userId(), config.clientId(), sync.cursor().lastSeq());
            listener.onConnected();
            if (connectFuture != null) {
                connectFuture.complete(null);
            }
        });
    }

    void lost(Throwable cause) {
        if (state != State.CONNECTED) {
            attemptFailed(cause);
            return;
        }
        drop();
        rpc.detach(connectionLost());
        log.debug("{}/{} lost its connection: {}", config.userId(), config.clientId(), cause.toString());
        listener.onDisconnected(cause);
        if (config.reconnect()) {
            reconnecting = true;
            failures = 0;
            if (cause instanceof ServerRedirect redirect) {
                follow(redirect);
            } else {
                scheduleRetry();
            }
        } else {
            toIdle(cause);
        }
    }

    void attemptFailed(Throwable cause) {
        MqttClientHandler handler = drop();
        rpc.detach(connectionLost());
        if (handler != null) {
            handler.close(cause);
        }
        if (cause instanceof ServerRedirect redirect && redirects < MAX_REDIRECTS) {
            follow(redirect);
            return;
        }
        if (!(cause instanceof HearthException) && !(cause instanceof ServerRedirect) && !backups.isEmpty()) {
            // the address could not be used (refused, unreachable, reset): try the node's next entry point now
            fallbackTo = backups.poll();
            log.debug("{}/{} falls back to backup address {}: {}", config.userId(), config.clientId(), fallbackTo,
                    cause.toString());
            open();
            return;
        }
        if (!reconnecting) {
            toIdle(cause);
            failConnect(cause);
            return;
        }
        int code = cause instanceof HearthException e ? e.code() : -1;
        if (code == Status.KICKED_OFF.code()) {
            kicked(code, cause.getMessage());
        } else if (code == Status.TOKEN_ERROR.code()) {
            toIdle(cause);
            listener.onDisconnected(cause);
            failConnect(cause);
        } else {
            log.debug("reconnect attempt of {}/{} failed: {}", config.userId(), config.clientId(), cause.toString());
            scheduleRetry();
        }
    }

    void kicked(int code, String msg) {
        if (state == State.KICKED || state == State.CLOSED) {
            return;
        }
        MqttClientHandler handler = drop();
        state = State.KICKED;
        HearthException kick = new HearthException(code, msg);
        rpc.reject(kick);
        if (handler != null) {
            handler.close(kick);
        }
        failConnect(kick);
        log.debug("{}/{} kicked: {} {}", config.userId(), config.clientId(), code, msg);
        listener.onKicked(code, msg);
    }

    /** Retires the current connection: its callbacks are ignored from now on. Returns it, or null. */
    private MqttClientHandler drop() {
        attempt++;
        MqttClientHandler handler = current;
        current = null;
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
        sync.stop();
        return handler;
    }

    /** Reconnects now, to the redirect's Server Reference if it has one, else where {@link #resolve} says. */
    private void follow(ServerRedirect redirect) {
        redirects++;
        // a Server Reference names the plain port; a TLS client asks the route again instead
        redirectTo = config.tls() != null ? null : redirect.endpoint(config.transport()).orElse(null);
        log.debug("{}/{} redirected to {}", config.userId(), config.clientId(),
                redirectTo != null ? redirectTo : "the route");
        open();
    }

    private void scheduleRetry() {
        state = State.WAITING;
        rpc.hold();
        long delay = backoff.delayMillis(failures++);
        log.debug("{}/{} reconnects in {} ms", config.userId(), config.clientId(), delay);
        retryTimer = loop.schedule(() -> {
            retryTimer = null;
            if (state == State.WAITING) {
                open();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code id} is the current connection attempt. */
    boolean isCurrent(int id) {
        return id == attempt;
    }

    private static HearthException connectionLost() {
        return new HearthException(Status.TIMEOUT, "connection lost before the reply");
    }

    private void toIdle(Throwable cause) {
        state = State.IDLE;
        reconnecting = false;
        rpc.reject(new HearthException(Status.SERVER_ERROR, "not connected: " + cause.getMessage()));
    }

    private void failConnect(Throwable cause) {
        if (connectFuture != null) {
            connectFuture.completeExceptionally(cause);
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("event loop gone, dropping a connection callback");
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
