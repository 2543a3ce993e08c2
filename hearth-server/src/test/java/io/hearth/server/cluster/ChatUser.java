package io.hearth.server.cluster;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user of a cluster test: its token, the home node the route gave it, its SDK client, and what the client's
 * listener was handed (its own timeline's entries, each super group's entries, the {@code group_message} notices).
 * The listener runs on the client's event loop and only records; checks read the records from the test thread.
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
    /** Every entry handed to {@link #onSuperGroupMessages}, by group, in the order handed. */
    final Map<String, List<Message>> superDelivered = new ConcurrentHashMap<>();
    /** Super group listener breaches seen as they happened (a group's seq not increasing). */
    final List<String> superViolations = new CopyOnWriteArrayList<>();
    /** The heads of the {@code group_message} notices pushed to the session, by group, in arrival order. */
    final Map<String, List<Long>> groupNotices = new ConcurrentHashMap<>();
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

    /** Kept apart from {@link #delivered}: these seqs are the group's, not the user's. */
    @Override
    public void onSuperGroupMessages(String groupId, List<Message> messages) {
        List<Message> got = superDelivered(groupId);
        for (Message m : messages) {
            long last = got.isEmpty() ? 0 : got.get(got.size() - 1).getSeq();
            if (m.getSeq() <= last) {
                superViolations.add(userId + ": super group " + groupId + " seq " + m.getSeq() + " handed after seq "
                        + last);
            }
            got.add(m);
        }
    }

    @Override
    public void onNotice(Notice notice) {
        if (notice.getKind().equals(NoticeKinds.GROUP_MESSAGE)) {
            groupNotices(notice.getTarget()).add(notice.getVersion());
        }
    }

    List<Message> superDelivered(String groupId) {
        return superDelivered.computeIfAbsent(groupId, g -> new CopyOnWriteArrayList<>());
    }

    List<Long> groupNotices(String groupId) {
        return groupNotices.computeIfAbsent(groupId, g -> new CopyOnWriteArrayList<>());
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
