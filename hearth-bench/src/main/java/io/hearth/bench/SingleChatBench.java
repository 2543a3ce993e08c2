package io.hearth.bench;

import com.google.protobuf.ByteString;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N senders → M receivers, single chat. Senders keep a window of sends in flight (or pace to a target rate);
 * receivers are either offline (pure persist path) or online (persist + push). Reports messages/s, the rate per
 * core of this machine, ack latency (send → durable ack) and, online, delivery latency (send → receiver).
 */
@Command(name = "single-chat", mixinStandardHelpOptions = true, description = "Single-chat throughput and latency.")
final class SingleChatBench implements Callable<Integer> {

    @Option(names = "--embedded", description = "Start a node in this JVM on a temporary H2 database.")
    boolean embedded;
    @Option(names = "--host", defaultValue = "127.0.0.1") String host;
    @Option(names = "--port", defaultValue = "1883", description = "MQTT TCP port of the node.") int port;
    @Option(names = "--receiver-host", description = "Connect receivers to this node instead (cross-node runs).")
    String receiverHost;
    @Option(names = "--receiver-port", description = "MQTT port of the receivers' node (default: --port).")
    Integer receiverPort;
    @Option(names = "--ws-port", defaultValue = "8083") int wsPort;
    @Option(names = "--admin", defaultValue = "http://127.0.0.1:18080", description = "Server API base URL.")
    String adminUrl;
    @Option(names = "--secret", defaultValue = "123456") String secret;
    @Option(names = "--senders", defaultValue = "200") int senders;
    @Option(names = "--receivers", defaultValue = "1000") int receivers;
    @Option(names = "--messages", defaultValue = "50", description = "Messages per sender.") int perSender;
    @Option(names = "--online", description = "Receivers stay connected and receive pushes.") boolean online;
    @Option(names = "--window", defaultValue = "8", description = "Sends in flight per sender.") int window;
    @Option(names = "--rate", defaultValue = "0", description = "Target total messages/s; 0 = as fast as possible.")
    int rate;
    @Option(names = "--transport", defaultValue = "TCP", description = "TCP or WEBSOCKET.") Transport transport;
    @Option(names = "--io-threads", defaultValue = "1", description = "Event-loop threads of the load generator.")
    int ioThreads;
    @Option(names = "--size", defaultValue = "100", description = "Text length of each message.") int size;
    @Option(names = "--warmup", defaultValue = "20",
            description = "Unmeasured messages per sender sent first, so the JIT has compiled the hot path.")
    int warmup;

    private final Latency ackLatency = new Latency();
    private volatile Latency deliveryLatency = new Latency();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        try (Target target = embedded ? Target.embedded(secret)
                : Target.external(host, port, wsPort, adminUrl, secret)) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
            try {
                return run(target, group);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    private int run(Target target, EventLoopGroup group) throws Exception {
        String run = "b" + Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("setting up %d senders, %d receivers (%s)%n", senders, receivers,
                online ? "online" : "offline");
        List<HearthClient> senderClients = connect(target, group, run + "s", senders, false);
        List<HearthClient> receiverClients = online ? connect(target, group, run + "r", receivers, true) : List.of();
        if (receiverHost != null) {
            System.out.printf("receivers on %s:%d, senders on %s:%d%n", receiverHost,
                    receiverPort == null ? target.mqttPort : receiverPort, target.host, target.mqttPort);
        }
        if (!online) {
            Users.create(target.admin, run + "r", receivers);
        }
        String text = "x".repeat(Math.max(0, size));
        if (warmup > 0) {
            System.out.printf("warming up with %d messages%n", (long) senders * warmup);
            phase(senderClients, group, run, text, warmup, 0, new Latency(), new AtomicLong());
            awaitReceived((long) senders * warmup);
            received.set(0);
            deliveryLatency = new Latency();
        }
        long total = (long) senders * perSender;
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        phase(senderClients, group, run, text, perSender, rate, ackLatency, failed);
        long acked = System.nanoTime() - start;
        awaitReceived(total - failed.get());
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        report(target, total, acked, elapsed, cpu);
        senderClients.forEach(HearthClient::close);
        receiverClients.forEach(HearthClient::close);
        return failed.get() == 0 && (!online || received.get() == total) ? 0 : 1;
    }

    /** Every sender sends {@code count} messages; returns when all are acknowledged or failed. */
    private void phase(List<HearthClient> clients, EventLoopGroup group, String run, String text, int count,
                       int totalRate, Latency latency, AtomicLong failures) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            long index = i;
            String prefix = run + "r";
            SenderLoop.Requests requests = (n, sentAt) ->
                    request(prefix + ((index * 7919L + n) % receivers), text, sentAt);
            done.add(new SenderLoop(clients.get(i), requests, count, window,
                    totalRate > 0 ? (double) totalRate / senders : 0, group, latency, failures).start());
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    }

    /** Online only: waits (at most a minute) until receivers have got {@code expected} messages. */
    private void awaitReceived(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (online && received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private List<HearthClient> connect(Target target, EventLoopGroup group, String prefix, int n, boolean receiver)
            throws Exception {
        Users.create(target.admin, prefix, n);
        List<HearthClient> clients = new ArrayList<>(n);
        List<CompletableFuture<Void>> connecting = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String user = prefix + i;
            String token = target.admin.getToken(user, user + "-c", Platforms.ANDROID);
            String host = receiver && receiverHost != null ? receiverHost : target.host;
            int mqttPort = receiver && receiverPort != null ? receiverPort : target.mqttPort;
            HearthClient c = HearthClient.builder()
                    .directAddress(host, transport == Transport.TCP ? mqttPort : target.wsPort)
                    .transport(transport).userId(user).clientId(user + "-c").token(token)
                    .platform(Platforms.ANDROID).eventLoopGroup(group).reconnect(false)
                    .requestTimeout(java.time.Duration.ofSeconds(60))
                    .listener(receiver ? new Receiving() : new HearthListener() { })
                    .build();
            clients.add(c);
            connecting.add(c.connect());
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        return clients;
    }

    /** Counts received messages and records send → receive latency from the timestamp in the data field. */
    private final class Receiving implements HearthListener {
        @Override
        public void onMessages(List<Message> messages) {
            long now = System.nanoTime();
            for (Message m : messages) {
                ByteString data = m.getContent().getData();
                if (data.size() == 8) {
                    deliveryLatency.recordNanos(now - ByteBuffer.wrap(data.toByteArray()).getLong());
                }
                received.incrementAndGet();
            }
        }
    }

    static SendMessageRequest request(String receiver, String text, long sentAt) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(receiver))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3)
                        .setData(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(sentAt).array())))
                .build();
    }

    private void report(Target target, long total, long ackedNanos, long elapsedNanos, long cpuNanos) {
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = ackedNanos / 1e9;
        double rateMeasured = (total - failed.get()) / seconds;
        System.out.println();
        System.out.printf("scenario      single chat, %d senders -> %d receivers %s, %s, window %d%s%n", senders,
                receivers, online ? "online" : "offline", transport, window, rate > 0 ? ", paced " + rate + "/s" : "");
        System.out.printf("messages      %d sent, %d failed%s%n", total, failed.get(),
                online ? ", " + received.get() + " received" : "");
        System.out.printf("throughput    %.0f messages/s (%.0f per core on %d cores) over %.1f s%n", rateMeasured,
                rateMeasured / cores, cores, seconds);
        System.out.printf("ack latency   %s%n", Latency.describe(ackLatency.snapshot()));
        if (online) {
            System.out.printf("delivery      %s (all received after %.1f s)%n",
                    Latency.describe(deliveryLatency.snapshot()), elapsedNanos / 1e9);
        }
        System.out.printf("bench cpu     %.1f s%s%n", cpuNanos / 1e9,
                target.isEmbedded() ? " (server, database and load generator in this JVM)" : " (load generator only)");
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
