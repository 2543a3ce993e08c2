package io.hearth.bench.hostile;

import com.google.protobuf.ByteString;
import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthException;
import io.hearth.client.HearthListener;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.netty.channel.EventLoopGroup;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The legitimate users: {@code senders} SDK clients sending single-chat text messages, paced to {@code rate} in
 * total, round-robin to {@code receivers} SDK clients that stay online. Each message carries its send time and the
 * index of the phase it was sent in (12 bytes of {@code data}), so ack and delivery latency land in that phase.
 * Runs until {@link #stop()}; the sends run on the shared event-loop group, the setup on the caller's thread.
 */
final class LegitLoad {

    private final EventLoopGroup group;
    private final Phases phases;
    private final List<HearthClient> senders = new ArrayList<>();
    private final List<HearthClient> receivers = new ArrayList<>();
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private final LongAdder inFlight = new LongAdder();
    private final String receiverPrefix;
    private final String text;

    private LegitLoad(EventLoopGroup group, Phases phases, String receiverPrefix, int size) {
        this.group = group;
        this.phases = phases;
        this.receiverPrefix = receiverPrefix;
        this.text = "x".repeat(size);
    }

    static LegitLoad connect(Target target, EventLoopGroup group, Phases phases, String run, int senders,
                             int receivers, int size) throws Exception {
        LegitLoad load = new LegitLoad(group, phases, run + "r", size);
        load.receivers.addAll(Clients.connectMany(target, group, run + "r", receivers, load.new Receiving()));
        load.senders.addAll(Clients.connectMany(target, group, run + "s", senders, new HearthListener() { }));
        return load;
    }

    /** Starts pacing: each sender sends every {@code senders / rate} seconds, starting at a random offset. */
    void start(int rate) {
        long periodMicros = Math.max(1, (long) (1e6 * senders.size() / rate));
        for (int i = 0; i < senders.size(); i++) {
            HearthClient c = senders.get(i);
            int index = i;
            long[] n = {0};
            long offset = (long) (Math.random() * periodMicros);
            ticks.add(group.next().scheduleAtFixedRate(() -> send(c, index, n[0]++), offset, periodMicros,
                    TimeUnit.MICROSECONDS));
        }
    }

    private void send(HearthClient client, int index, long n) {
        PhaseStats phase = phases.current();
        String receiver = receiverPrefix + ((index * 7919L + n) % receivers.size());
        long sentAt = System.nanoTime();
        ByteBuffer data = ByteBuffer.allocate(12).putLong(sentAt).putInt(phase.index);
        SendMessageRequest request = SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(receiver))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3)
                        .setData(ByteString.copyFrom(data.array())))
                .build();
        inFlight.increment();
        client.send(request).whenComplete((r, e) -> {
            inFlight.decrement();
            PhaseStats now = phases.current();
            if (e == null) {
                phase.ackLatency.recordNanos(System.nanoTime() - sentAt);
                now.acks.increment();
            } else {
                now.failed(codeOf(e));
            }
        });
    }

    static int codeOf(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof HearthException h ? h.code() : -1;
    }

    /** Stops sending and waits (at most {@code wait}) for the sends in flight. */
    void stop(Duration wait) throws InterruptedException {
        ticks.forEach(t -> t.cancel(false));
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.sum() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    long inFlight() {
        return inFlight.sum();
    }

    void close() {
        senders.forEach(HearthClient::close);
        receivers.forEach(HearthClient::close);
    }

    /** Records delivery latency into the phase the message was sent in. */
    private final class Receiving implements HearthListener {
        @Override
        public void onMessages(List<Message> messages) {
            long now = System.nanoTime();
            for (Message m : messages) {
                ByteString data = m.getContent().getData();
                if (data.size() != 12) {
                    continue;
                }
                ByteBuffer b = data.asReadOnlyByteBuffer();
                long sentAt = b.getLong();
                PhaseStats phase = phases.get(b.getInt());
                if (phase != null) {
                    phase.deliveryLatency.recordNanos(now - sentAt);
                    phase.received.increment();
                }
            }
        }
    }
}
