package io.hearth.server.cluster;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.pb.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user of a cluster test: its token, the home node the route gave it, its SDK client, and what the client's
 * listener was handed. The listener runs on the client's event loop and only records; checks read the records from
 * the test thread.
 */
final class ChatUser implements HearthListener {

    final String userId;
    final String clientId;
    final String token;
    /** Node id of the home the route answered when the user first connected. */
    volatile int home;
    volatile HearthClient client;
    /** Every entry handed to {@link #onMessages}, in the order handed. */
    final List<Message> delivered = new CopyOnWriteArrayList<>();
    /** Listener-level contract breaches seen as they happened (seq not increasing). */
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger disconnects = new AtomicInteger();
    volatile String kicked;
    private volatile long lastDeliveredSeq;

    ChatUser(String userId, String clientId, String token) {
        this.userId = userId;
        this.clientId = clientId;
        this.token = token;
    }

    @Override
    public void onMessages(List<Message> messages) {
        for (Message m : messages) {
            if (m.getSeq() <= lastDeliveredSeq) {
                violations.add(userId + ": seq " + m.getSeq() + " handed after seq " + lastDeliveredSeq);
            }
            lastDeliveredSeq = Math.max(lastDeliveredSeq, m.getSeq());
            delivered.add(m);
        }
    }

    @Override
    public void onConnected() {
        connects.incrementAndGet();
    }

    @Override
    public void onDisconnected(Throwable cause) {
        disconnects.incrementAndGet();
    }

    @Override
    public void onKicked(int code, String msg) {
        kicked = code + " " + msg;
    }

    @Override
    public String toString() {
        return userId + "(home " + home + ")";
    }
}
