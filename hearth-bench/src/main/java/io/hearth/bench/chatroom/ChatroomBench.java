package io.hearth.bench.chatroom;

import io.hearth.bench.Latency;
import io.hearth.bench.SenderLoop;
import io.hearth.bench.Target;
import io.hearth.bench.Users;
import io.hearth.bench.group.Sessions;
import io.hearth.client.HearthClient;
import io.hearth.client.Transport;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.ChatroomTarget;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth-bench chatroom}: the reference's chatroom scenario. One room; {@code --listeners} members and
 * {@code --senders} members (who also listen) join over MQTT 5 with the Java SDK, each following the room by
 * notice and pull type 1 ({@link Listener}); the senders send {@code --messages} each. Reports messages/s,
 * deliveries/s (messages pulled by members; every member but the sender should get each message) and the drops
 * (expected − delivered: messages that full queues dropped). Called on the main thread.
 */
@Command(name = "chatroom", mixinStandardHelpOptions = true,
        description = "Chatroom: deliveries/s to listeners, latency and drops.")
public final class ChatroomBench implements Callable<Integer> {

    @Option(names = "--embedded", description = "Start a node in this JVM on a new database (see --db).")
    boolean embedded;
    @Option(names = "--db", defaultValue = "h2") String db;
    @Option(names = "--host", defaultValue = "127.0.0.1") String host;
    @Option(names = "--port", defaultValue = "1883") int port;
    @Option(names = "--ws-port", defaultValue = "8083") int wsPort;
    @Option(names = "--admin", defaultValue = "http://127.0.0.1:18080") String adminUrl;
    @Option(names = "--secret", defaultValue = "123456") String secret;
    @Option(names = "--listeners", defaultValue = "1000") int listeners;
    @Option(names = "--senders", defaultValue = "100") int senders;
    @Option(names = "--messages", defaultValue = "100", description = "Messages per sender.") int perSender;
    @Option(names = "--window", defaultValue = "1", description = "Sends in flight per sender.") int window;
    @Option(names = "--rate", defaultValue = "0", description = "Target total messages/s; 0 = as fast as possible.")
    int rate;
    @Option(names = "--size", defaultValue = "100", description = "Text length of each message.") int size;
    @Option(names = "--transport", defaultValue = "TCP") Transport transport;
    @Option(names = "--io-threads", defaultValue = "2") int ioThreads;
    @Option(names = "--settle", defaultValue = "10",
            description = "Seconds without a new delivery after which waiting for the rest stops.")
    int settleSeconds;

    @Override
    public Integer call() throws Exception {
        try (Target target = embedded ? Target.embedded(secret, db)
                : Target.external(host, port, wsPort, adminUrl, secret)) {
            EventLoopGroup loops = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
            try {
                return run(target, loops);
            } finally {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    private int run(Target target, EventLoopGroup loops) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        String room = "bench-room-" + run;
        target.admin.post("/admin/chatroom/create", Map.of("chatroomId", room, "title", "bench"));
        String prefix = "cr" + run + "-";
        int everyone = listeners + senders;
        Users.create(target.admin, prefix, everyone);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < everyone; i++) {
            users.add(prefix + i);
        }
        AtomicLong delivered = new AtomicLong();
        AtomicLong lastDelivery = new AtomicLong();
        Latency latency = new Latency();
        Map<String, Listener> byUser = new HashMap<>();
        for (String u : users) {
            byUser.put(u, new Listener(room, delivered, lastDelivery, latency));
        }
        long t0 = System.nanoTime();
        List<HearthClient> clients = Sessions.connect(target, loops, transport, users, byUser::get);
        List<CompletableFuture<Reply>> joins = new ArrayList<>();
        for (HearthClient c : clients) {
            joins.add(c.call(Methods.CHATROOM_JOIN, ChatroomTarget.newBuilder().setChatroomId(room).build()));
        }
        for (int i = 0; i < clients.size(); i++) {
            Reply r = joins.get(i).get(2, TimeUnit.MINUTES);
            if (r.getCode() != 0) {
                throw new IllegalStateException("join refused: " + r.getCode() + " " + r.getMsg());
            }
            byUser.get(users.get(i)).attach(clients.get(i), r.getChatroomJoined().getHead());
        }
        System.out.printf("%d members joined in %.1f s (%s)%n", everyone, (System.nanoTime() - t0) / 1e9, transport);

        String text = "x".repeat(size);
        Latency ack = new Latency();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Void>> loopsDone = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            HearthClient c = clients.get(listeners + s);
            loopsDone.add(new SenderLoop(c, (n, sentAt) -> request(room, text, sentAt), perSender, window,
                    rate > 0 ? (double) rate / senders : 0, loops, ack, failed).start());
        }
        CompletableFuture.allOf(loopsDone.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        long sentEnd = System.nanoTime();
        long sent = (long) senders * perSender - failed.get();
        long expected = sent * (everyone - 1);
        long quietSince = System.nanoTime();
        long seen = delivered.get();
        while (delivered.get() < expected && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(settleSeconds)) {
            Thread.sleep(100);
            if (delivered.get() != seen) {
                seen = delivered.get();
                quietSince = System.nanoTime();
            }
        }
        long got = delivered.get();
        double sendSecs = (sentEnd - start) / 1e9;
        double deliverSecs = (Math.max(lastDelivery.get(), sentEnd) - start) / 1e9;
        System.out.printf("room %s: %d members (%d listeners + %d senders), %d messages of %d chars, window %d%n",
                room, everyone, listeners, senders, sent, size, window);
        System.out.printf("sent in %.2f s: %.0f messages/s; %d failed%n", sendSecs, sent / sendSecs, failed.get());
        System.out.printf("delivered %d of %d in %.2f s: %.0f deliveries/s (%.0f per core of 2); dropped %d (%.2f %%)%n",
                got, expected, deliverSecs, got / deliverSecs, got / deliverSecs / 2, expected - got,
                expected == 0 ? 0.0 : 100.0 * (expected - got) / expected);
        System.out.println("delivery latency (send -> pulled): " + Latency.describe(latency.snapshot()));
        System.out.println("ack latency: " + Latency.describe(ack.snapshot()));
        clients.forEach(HearthClient::close);
        return 0;
    }

    private static SendMessageRequest request(String room, String text, long sentAt) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(2).setTarget(room))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(1)
                        .setData(Stamp.of(sentAt)))
                .build();
    }
}
