package io.hearth.server.bootstrap;

import io.hearth.server.admin.AdminPort;
import io.hearth.server.admin.AdminSignature;
import io.hearth.server.admin.LocalNonceLedger;
import io.hearth.server.admin.NonceLedger;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import io.hearth.server.group.GroupStore;
import io.hearth.server.message.MessageService;
import io.hearth.server.relation.RelationFeature;
import io.hearth.server.setting.SystemSettings;
import io.hearth.server.cluster.BoundPorts;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.cluster.Rendezvous;
import io.hearth.server.mqtt.MqttPipeline;
import io.hearth.server.cluster.Advertised;
import io.hearth.server.route.NodeView;
import io.hearth.server.route.NodesEndpoint;
import io.hearth.server.route.RouteEndpoint;
import io.hearth.server.tls.ReloadingTls;
import io.hearth.server.transport.TlsFirst;
import io.hearth.server.session.SessionService;
import io.hearth.server.storage.jdbc.Database;
import io.hearth.server.storage.jdbc.JdbcUserStore;
import io.hearth.server.transport.Listener;
import io.hearth.server.transport.http.HeaderDeadline;
import io.hearth.server.transport.http.HttpRouter;
import io.hearth.server.transport.http.HttpTransport;
import io.hearth.server.transport.tcp.TcpTransport;
import io.hearth.server.transport.ws.WebSocketTransport;
import io.hearth.server.user.BlockStatuses;
import io.hearth.server.user.UserDirectory;
import io.hearth.server.version.VersionEndpoint;
import io.hearth.server.webhook.WebhookFeature;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one node: opens the database, assembles the node's cluster side ({@link Nodes}) and each
 * feature (one {@code *Assembly} class per feature, e.g. {@link UserAssembly}), binds the listeners and closes all
 * of it in reverse order. It only wires; behaviour lives in the feature packages. A drain ({@code /admin/node/drain})
 * ends in {@link #close()} on the drain's own thread, then the {@link #onDrained} callbacks.
 */
public final class HearthServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HearthServer.class);
    /** Events each listener may have waiting before new ones are dropped for it. */
    private static final int EVENT_QUEUE = 10_000;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final HearthConfig config;
    private final List<Runnable> drainedListeners = new CopyOnWriteArrayList<>();
    private Listener mqtt;
    private Listener ws;
    private Listener wss;
    private Listener ssl;
    private Listener https;
    private Listener http;
    private Listener admin;
    private EventHook events;

    private HearthServer(HearthConfig config) {
        this.config = config;
    }

    /** Starts a node; on any failure everything opened so far is closed again and the error is rethrown. */
    public static HearthServer start(HearthConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts a node whose every part reads time from {@code clock} (tests: a clock that stands still or steps back). */
    public static HearthServer start(HearthConfig config, Clock clock) {
        HearthServer s = new HearthServer(config);
        try {
            s.wire(clock);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void wire(Clock clock) {
        HearthConfig.Network net = config.network();
        Database db = keep(Database.open(config.database()));
        BlockingExecutor blocking = keep(new BlockingExecutor("hearth-blocking", config.database().poolSize(), 10_000));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        resources.push(metrics::close);
        events = keep(new EventHook(metrics, EVENT_QUEUE));
        Core core = new Core(config, clock, db, blocking, metrics, events, resources);
        Nodes nodes = Nodes.assemble(core, this::drained);

        int workers = net.workerThreads() > 0 ? net.workerThreads() : Runtime.getRuntime().availableProcessors();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(workers, NioIoHandler.newFactory());
        resources.push(() -> {
            // bounded waits: a stop must never hang on an event loop
            var bossDone = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            var groupDone = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            if (!bossDone.awaitUninterruptibly(5, TimeUnit.SECONDS)
                    || !groupDone.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                log.warn("event loops did not stop within 5 s; continuing shutdown");
            }
        });

        // features, in dependency order; what they keep (the message writer) stops before the event loops, so what
        // is queued is written and its replies reach the still-open connections
        Entries entries = new Entries();
        JdbcUserStore userStore = new JdbcUserStore(db);
        UserDirectory users = UserAssembly.users(core, nodes, userStore);
        BlockStatuses blocks = UserAssembly.blockStatuses(core, nodes, users, entries);
        SessionService sessions = UserAssembly.sessions(core, nodes, userStore, blocks);
        UserAssembly.userActions(users, sessions, nodes, entries);
        UserAssembly.profiles(core, nodes, userStore, users, blocks, sessions, entries);
        RelationFeature relations = RelationAssembly.relations(core, nodes, userStore, entries);
        PolicyAssembly.policy(core, entries);
        SystemSettings systemSettings = PolicyAssembly.settings(core, nodes, users, entries);
        GroupStore groupStore = GroupAssembly.policy(core, nodes, entries);
        ChatroomAssembly.chatrooms(core, nodes, entries);
        ChannelAssembly.channels(core, users, entries);
        WebhookFeature webhooks = WebhookAssembly.webhooks(core, relations.friends(), groupStore, entries);
        MessageService messages = MessageAssembly.messages(core, nodes, users, entries, webhooks.messages());
        GroupAssembly.groups(core, groupStore, messages, systemSettings, users, relations.friends(), entries);
        RelationAssembly.relationGreetings(core, messages);
        ConversationAssembly.conversations(core, nodes, groupStore, messages, entries);
        MessageAssembly.sessionInfo(core, entries);
        WebhookAssembly.start(core, webhooks);

        ReloadingTls tls = net.tls() == null ? null
                : keep(ReloadingTls.start(net.tls(), clock, Duration.ofSeconds(net.tls().reloadSeconds())));
        MqttPipeline pipeline = new MqttPipeline(sessions, messages, nodes.registry(), nodes.takeOverElsewhere(),
                PolicyAssembly.rpcMethods(core, entries), events, net, config.connections(), nodes.pushes(),
                config.nodeId(), clock, metrics);
        HeaderDeadline.Limit headers = new HeaderDeadline.Limit(Duration.ofSeconds(net.headerTimeoutSeconds()),
                metrics.counter("hearth.http.header_timeouts"));
        if (net.mqttPort() >= 0) {
            mqtt = keep(Listener.bind("MQTT (port)", net.bindHost(), net.mqttPort(), boss, group,
                    TcpTransport.initializer(pipeline)));
        }
        if (net.websocketPort() >= 0) {
            ws = keep(Listener.bind("MQTT over WebSocket (websocket_port)", net.bindHost(), net.websocketPort(), boss,
                    group, WebSocketTransport.initializer(pipeline, net.maxPacketSize(), headers)));
        }
        if (net.sslPort() >= 0) {
            ssl = keep(Listener.bind("MQTT over TLS (ssl_port)", net.bindHost(), net.sslPort(), boss, group,
                    TlsFirst.wrap(tls, TcpTransport.initializer(pipeline))));
        }
        if (net.secureWebsocketPort() >= 0) {
            wss = keep(Listener.bind("MQTT over secure WebSocket (secure_websocket_port)", net.bindHost(),
                    net.secureWebsocketPort(), boss, group,
                    TlsFirst.wrap(tls, WebSocketTransport.initializer(pipeline, net.maxPacketSize(), headers))));
        }
        NonceLedger nonces = nodes.cluster() != null
                ? nodes.cluster().nonceLedger(config.admin().nonceCacheSize(), clock)
                : new LocalNonceLedger(config.admin().nonceCacheSize(), clock);
        HttpRouter adminRouter = AdminPort.router(new AdminSignature(config.admin().secretKey(),
                config.admin().noCheckTime(), config.admin().maxClockSkewSeconds() * 1000L, clock), nonces,
                PolicyAssembly.adminRateLimit(core), entries.admin, nodes.registry(), db::healthy, blocking, metrics,
                nodes.adminSide());
        admin = keep(Listener.bind("server API (http.admin.port)", net.bindHost(), config.admin().port(), boss, group,
                HttpTransport.initializer(adminRouter, headers)));

        HttpRouter clientRouter = new HttpRouter(Map.of("Access-Control-Allow-Origin", "*"));
        SignedApiAssembly.signedApis(core, entries, messages, nonces, clientRouter);
        http = keep(Listener.bind("HTTP (local_port)", net.bindHost(), net.httpPortBound(), boss, group,
                HttpTransport.initializer(clientRouter, headers)));
        if (net.httpsPort() >= 0) {
            https = keep(Listener.bind("HTTPS (https_port)", net.bindHost(), net.httpsPort(), boss, group,
                    TlsFirst.wrap(tls, HttpTransport.initializer(clientRouter, headers))));
        }
        Advertised self = advertised(net);
        Membership membership = nodes.membership();
        membership.announce(self, new BoundPorts(net.bindHost().equals("0.0.0.0")
                ? config.cluster().host() : net.bindHost(), mqttPort(), httpPort(), wsPort(), port(wss), port(ssl),
                port(https)));
        NodeView selfView = new NodeView(config.nodeId(), self, false);
        Function<String, NodeView> homeOf = userId -> Rendezvous.home(userId, membership.liveNodes())
                .map(HearthServer::view).orElse(selfView);
        ClientHttp.register(clientRouter, new RouteEndpoint(sessions, homeOf),
                new NodesEndpoint(() -> membership.liveNodes().stream().map(HearthServer::view).toList()),
                new VersionEndpoint(config.nodeId(),
                        () -> membership.liveNodes().stream().map(NodeInfo::nodeId).toList(), clock));
        if (config.admin().secretKey().equals("123456") || config.tokens().key().equals("testim")) {
            log.warn("http.admin.secret_key or token.key is still the public default; set your own before this node"
                    + " is reachable from other machines");
        }
        log.info("Hearth node {} up: mqtt={} ws={} http={} admin={} ssl={} wss={} https={} advertised={} db={}",
                config.nodeId(), mqttPort(), wsPort(), httpPort(), adminPort(), port(ssl), port(wss), port(https),
                self.host(), config.database().type());
    }

    /**
     * What the route tells clients about this node: configured ports, or the bound ones for ports configured as 0;
     * web clients get the WebSocket proxy's host and ports where those are set.
     */
    private Advertised advertised(HearthConfig.Network net) {
        HearthConfig.WebSocketProxy proxy = net.proxy();
        int wsPort = proxy.port() >= 0 ? proxy.port() : ws == null ? -1 : advertisedPort(net.websocketPort(), ws);
        int wssPort = proxy.securePort() >= 0 ? proxy.securePort()
                : wss == null ? -1 : advertisedPort(net.secureWebsocketPort(), wss);
        List<Advertised.Backup> backups = net.backups().stream()
                .map(b -> new Advertised.Backup(b.host(), b.shortPort(), b.longPort(), b.wsPort())).toList();
        return new Advertised(net.advertisedHost(), mqtt == null ? -1 : advertisedPort(net.mqttPort(), mqtt),
                net.httpPortAdvertised() == 0 ? http.port() : net.httpPortAdvertised(),
                ssl == null ? -1 : advertisedPort(net.sslPort(), ssl),
                proxy.host().isEmpty() ? net.advertisedHost() : proxy.host(), wsPort, wssPort, backups);
    }

    private static NodeView view(NodeInfo n) {
        return new NodeView(n.nodeId(), n.advertised(), n.draining());
    }

    private static int port(Listener l) {
        return l == null ? -1 : l.port();
    }

    private static int advertisedPort(int configured, Listener bound) {
        return configured == 0 ? bound.port() : configured;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.push(resource);
        return resource;
    }

    public int mqttPort() {
        return mqtt == null ? -1 : mqtt.port();
    }

    public int wsPort() {
        return ws == null ? -1 : ws.port();
    }

    public int wssPort() {
        return port(wss);
    }

    public int sslPort() {
        return port(ssl);
    }

    public int httpsPort() {
        return port(https);
    }

    public int httpPort() {
        return http.port();
    }

    public int adminPort() {
        return admin.port();
    }

    public HearthConfig config() {
        return config;
    }

    /**
     * The node's event hook: what changed (messages stored, clients online and offline, users, relations, groups,
     * settings), for listeners added by an embedding application or a test. Listeners get events at most once.
     */
    public EventHook events() {
        return events;
    }

    /** Runs {@code callback} after a drain has stopped this node (on the drain's thread); {@code hearth start} exits. */
    public void onDrained(Runnable callback) {
        drainedListeners.add(callback);
    }

    private void drained() {
        close();
        log.info("node {} drained and stopped", config.nodeId());
        drainedListeners.forEach(Runnable::run);
    }

    /**
     * Closes listeners first (no new work), then the writer (drains its queue), the cluster, executors and the
     * database. Idempotent; any thread but an event loop of this node.
     */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("error while stopping", e);
            }
        }
    }
}
