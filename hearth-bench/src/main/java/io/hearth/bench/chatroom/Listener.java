package io.hearth.bench.chatroom;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.bench.Latency;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chatroom member as a client follows its room: each {@code chatroom_message} notice makes it pull
 * {@code message.pull} type 1 from its last seq, one pull at a time (a notice during a pull pulls again after it),
 * until it is at the head. Counts the messages it got and their latency (send stamp in {@code data}, one JVM).
 * Runs on the SDK's threads.
 */
final class Listener implements HearthListener {

    private final String room;
    private final AtomicLong delivered;
    private final AtomicLong lastDeliveryNanos;
    private final Latency latency;
    private final AtomicBoolean pulling = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile HearthClient client;
    private long seq;

    Listener(String room, AtomicLong delivered, AtomicLong lastDeliveryNanos, Latency latency) {
        this.room = room;
        this.delivered = delivered;
        this.lastDeliveryNanos = lastDeliveryNanos;
        this.latency = latency;
    }

    void attach(HearthClient c, long head) {
        this.client = c;
        this.seq = head;
    }

    @Override
    public void onNotice(Notice notice) {
        if (notice.getKind().equals(NoticeKinds.CHATROOM_MESSAGE) && client != null) {
            pull();
        }
    }

    private void pull() {
        again.set(true);
        if (!pulling.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        client.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setType(1).setTarget(room)
                .setSinceSeq(seq).setLimit(500).build()).whenComplete((r, e) -> {
                    boolean more = false;
                    if (e == null && r.getCode() == 0) {
                        PullMessageResult p = r.getPull();
                        long now = System.nanoTime();
                        for (Message m : p.getMessagesList()) {
                            latency.recordNanos(now - Stamp.sentAt(m));
                        }
                        if (p.getMessagesCount() > 0) {
                            delivered.addAndGet(p.getMessagesCount());
                            lastDeliveryNanos.accumulateAndGet(now, Math::max);
                        }
                        seq = p.getCurrent();
                        more = p.getCurrent() < p.getHead();
                    }
                    pulling.set(false);
                    if (more || again.get()) {
                        pull();
                    }
                });
    }
}
