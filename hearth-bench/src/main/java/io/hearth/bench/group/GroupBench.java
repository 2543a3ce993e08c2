package io.hearth.bench.group;

import io.hearth.bench.Target;
import io.hearth.client.Transport;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth-bench group}: normal groups with write diffusion ({@link NormalGroupRun}) or, with {@code --super},
 * one super group read by pulls ({@link SuperGroupRun}). Holds the options; picocli fills them on the main thread.
 */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = "Group chat: messages/s, persisted deliveries/s and delivery latency.")
public final class GroupBench implements Callable<Integer> {

    @Option(names = "--embedded", description = "Start a node in this JVM on a new database (see --db).")
    boolean embedded;
    @Option(names = "--db", defaultValue = "h2",
            description = "Embedded node's database: h2 (temporary file) or postgresql (PostgreSQL 15 started here).")
    String db;
    @Option(names = "--host", defaultValue = "127.0.0.1") String host;
    @Option(names = "--port", defaultValue = "1883", description = "MQTT TCP port of the node.") int port;
    @Option(names = "--ws-port", defaultValue = "8083") int wsPort;
    @Option(names = "--admin", defaultValue = "http://127.0.0.1:18080", description = "Server API base URL.")
    String adminUrl;
    @Option(names = "--secret", defaultValue = "123456") String secret;
    @Option(names = "--db-url", description = "External node: its database's JDBC URL, to count the timeline rows "
            + "(H2: add ;AUTO_SERVER=TRUE on the node's URL).")
    String dbUrl;
    @Option(names = "--db-user", defaultValue = "sa") String dbUser;
    @Option(names = "--db-password", defaultValue = "") String dbPassword;

    @Option(names = "--groups", defaultValue = "100") int groups;
    @Option(names = "--members", defaultValue = "100", description = "Members per group (the owner included).")
    int members;
    @Option(names = "--users", defaultValue = "10000",
            description = "Most users in all (normal groups): with fewer than groups × members, users share groups.")
    int maxUsers;
    @Option(names = "--senders", defaultValue = "100", description = "Sending members, spread over the groups.")
    int senders;
    @Option(names = "--messages", defaultValue = "50", description = "Measured messages per sender.") int perSender;
    @Option(names = "--warmup", defaultValue = "10", description = "Unmeasured messages per sender sent first.")
    int warmup;
    @Option(names = "--online", description = "Normal groups: every user is connected and counts its pushes.")
    boolean online;
    @Option(names = "--window", defaultValue = "4", description = "Sends in flight per sender.") int window;
    @Option(names = "--rate", defaultValue = "0", description = "Target total messages/s; 0 = as fast as possible.")
    int rate;
    @Option(names = "--size", defaultValue = "100", description = "Text length of each message.") int size;
    @Option(names = "--transport", defaultValue = "TCP", description = "TCP or WEBSOCKET.") Transport transport;
    @Option(names = "--io-threads", defaultValue = "2", description = "Event-loop threads of the load generator.")
    int ioThreads;

    @Option(names = "--super", description = "One super group of --members; --online-members of them pull.")
    boolean superGroup;
    @Option(names = "--online-members", defaultValue = "1000",
            description = "Super group: members online (besides the senders), each pulling on every notice.")
    int onlineMembers;
    @Option(names = "--watch", description = "Processes whose CPU over the measured phase is reported, as "
            + "name=pid+pid,… (e.g. node=1234,postgres=20+21+22).")
    String watch;
    @Option(names = "--settle", defaultValue = "30",
            description = "Seconds without a new delivery after which waiting for the rest stops.")
    int settleSeconds;

    @Override
    public Integer call() throws Exception {
        Target.Store store = dbUrl == null ? null : new Target.Store(dbUrl, dbUser, dbPassword);
        try (Target target = embedded ? Target.embedded(secret, db)
                : Target.external(host, port, wsPort, adminUrl, secret, store)) {
            EventLoopGroup loops = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
            try {
                return superGroup ? new SuperGroupRun(this, target, loops).run()
                        : new NormalGroupRun(this, target, loops).run();
            } finally {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    /** A text message to {@code groupId} stamped with its send time and phase. */
    static SendMessageRequest request(String groupId, String text, long sentAt, byte phase) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget(groupId))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3)
                        .setData(Stamp.of(sentAt, phase)))
                .build();
    }

    /** The database description for the report. */
    String databaseName(Target target) {
        if (target.isEmbedded()) {
            return db.equals("h2") ? "H2 file, node in this JVM" : "PostgreSQL 15 (embedded), node in this JVM";
        }
        return dbUrl == null ? "external node" : "external node, " + dbUrl.replaceAll(";.*", "");
    }
}
