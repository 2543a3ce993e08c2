package io.hearth.server.cluster;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.server.cluster.pb.NoticeEntry;
import io.hearth.server.cluster.pb.PushedEntry;
import io.hearth.server.cluster.pb.Kick;
import io.hearth.server.cluster.pb.NodeEnvelope;
import io.hearth.server.cluster.pb.UserEntries;
import io.hearth.server.common.ThrottledLog;
import io.hearth.server.message.Delivery;
import io.hearth.server.notice.Notifier;
import io.hearth.server.session.Kicker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery and kicks for the whole cluster: local sessions directly, other nodes only when the
 * {@link PresenceDirectory} says they hold sessions of the user — one envelope per node per batch, never a
 * broadcast. Envelopes from other nodes are handed to the local registry. Called on the writer's dispatch thread
 * and event loops (pushes, notices: local sessions at once, other nodes on the outbound thread, so no caller waits
 * on the network), the blocking executor (kicks) and cluster event threads (received envelopes).
 */
public final class ClusterDelivery implements Delivery, Notifier, Kicker {

    private static final Logger log = LoggerFactory.getLogger(ClusterDelivery.class);
    private static final ThrottledLog throttled = new ThrottledLog(log, 10, TimeUnit.SECONDS);

    private final Delivery local;
    private final Notifier localNotices;
    private final Kicker localKicker;
    private final PresenceDirectory presence;
    private final NodeLink link;
    private final int selfId;
    private final Executor outbound;

    /**
     * {@code outbound} runs the remote part of pushes and notices, in order (a single thread with a bounded queue;
     * {@code Runnable::run} in tests).
     */
    public ClusterDelivery(Delivery local, Notifier localNotices, Kicker localKicker, PresenceDirectory presence,
                           NodeLink link, int selfId, Executor outbound) {
        this.local = local;
        this.localNotices = localNotices;
        this.localKicker = localKicker;
        this.presence = presence;
        this.link = link;
        this.selfId = selfId;
        this.outbound = outbound;
        link.onReceive(this::received);
    }

    @Override
    public void deliver(List<Delivery.UserPush> pushes) {
        local.deliver(pushes);
        outbound("pushes", () -> deliverElsewhere(pushes));
    }

    private void deliverElsewhere(List<Delivery.UserPush> pushes) {
        Map<String, Set<Integer>> where = presence.nodesOf(pushes.stream().map(Delivery.UserPush::userId).toList());
        if (where.isEmpty()) {
            return;
        }
        Map<Integer, NodeEnvelope.Builder> perNode = new HashMap<>();
        for (Delivery.UserPush p : pushes) {
            for (int node : where.getOrDefault(p.userId(), Set.of())) {
                if (node != selfId) {
                    perNode.computeIfAbsent(node, n -> NodeEnvelope.newBuilder()).addPushes(encode(p));
                }
            }
        }
        perNode.forEach((node, envelope) -> send(node, envelope.build()));
    }

    @Override
    public void notify(List<Notifier.UserNotice> notices) {
        localNotices.notify(notices);
        outbound("notices", () -> notifyElsewhere(notices));
    }

    private void notifyElsewhere(List<Notifier.UserNotice> notices) {
        Map<String, Set<Integer>> where = presence.nodesOf(notices.stream().map(Notifier.UserNotice::userId)
                .toList());
        Map<Integer, NodeEnvelope.Builder> perNode = new HashMap<>();
        for (Notifier.UserNotice n : notices) {
            for (int node : where.getOrDefault(n.userId(), Set.of())) {
                if (node != selfId) {
                    NoticeEntry.Builder e = NoticeEntry.newBuilder().setUserId(n.userId())
                            .setNotice(n.notice().toByteString());
                    if (n.skipClientId() != null) {
                        e.setSkipClientId(n.skipClientId());
                    }
                    perNode.computeIfAbsent(node, x -> NodeEnvelope.newBuilder()).addNotices(e);
                }
            }
        }
        perNode.forEach((node, envelope) -> send(node, envelope.build()));
    }

    /**
     * Runs the part that asks the presence directory and writes to other nodes on the outbound thread: it may wait
     * on the network, and its callers (event loops, the writer's dispatch thread) must not. In submission order;
     * when the outbound queue is full or the work fails, the users on other nodes miss this push and pull later.
     */
    private void outbound(String what, Runnable work) {
        try {
            outbound.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    throttled.warn(what, "{} for other nodes not sent; their clients will pull: {}", what,
                            e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            throttled.warn(what + ".full", "outbound queue to other nodes full; {} dropped, their clients will pull",
                    what);
        }
    }

    @Override
    public void kick(String userId, String clientId, Cause cause) {
        localKicker.kick(userId, clientId, cause);
        kickElsewhere(userId, clientId, cause);
    }

    /**
     * Takes over a session with this client id that another node still holds (a client that moved to this node
     * before its old connection was noticed dead). Blocking; called off the event loops.
     */
    public void takeOverElsewhere(String userId, String clientId) {
        kickElsewhere(userId, clientId, Cause.TAKEN_OVER);
    }

    private void kickElsewhere(String userId, String clientId, Cause cause) {
        for (int node : presence.nodesOf(List.of(userId)).getOrDefault(userId, Set.of())) {
            if (node != selfId) {
                send(node, NodeEnvelope.newBuilder().addKicks(KickCauses.kick(userId, clientId, cause)).build());
            }
        }
    }

    private void send(int node, NodeEnvelope envelope) {
        try {
            link.send(node, envelope.toByteArray());
        } catch (RuntimeException e) {
            log.warn("could not reach node {}; its clients will pull: {}", node, e.toString());
        }
    }

    private void received(byte[] bytes) {
        NodeEnvelope envelope;
        List<Delivery.UserPush> pushes = new ArrayList<>();
        List<Notifier.UserNotice> notices = new ArrayList<>();
        try {
            envelope = NodeEnvelope.parseFrom(bytes);
            for (UserEntries p : envelope.getPushesList()) {
                List<Delivery.Outgoing> entries = new ArrayList<>(p.getEntriesCount());
                for (PushedEntry e : p.getEntriesList()) {
                    entries.add(new Delivery.Outgoing(Message.parseFrom(e.getMessage()),
                            e.getSkipClientId().isEmpty() ? null : e.getSkipClientId()));
                }
                pushes.add(new Delivery.UserPush(p.getUserId(), entries, p.getHead()));
            }
            for (NoticeEntry n : envelope.getNoticesList()) {
                notices.add(new Notifier.UserNotice(n.getUserId(), Notice.parseFrom(n.getNotice()),
                        n.getSkipClientId().isEmpty() ? null : n.getSkipClientId()));
            }
        } catch (InvalidProtocolBufferException e) {
            log.warn("dropping an unreadable envelope from another node: {}", e.getMessage());
            return;
        }
        if (!pushes.isEmpty()) {
            local.deliver(pushes);
        }
        if (!notices.isEmpty()) {
            localNotices.notify(notices);
        }
        for (Kick k : envelope.getKicksList()) {
            localKicker.kick(k.getUserId(), k.getClientId(), KickCauses.fromWire(k));
        }
    }

    private static UserEntries encode(Delivery.UserPush p) {
        UserEntries.Builder b = UserEntries.newBuilder().setUserId(p.userId()).setHead(p.head());
        for (Delivery.Outgoing o : p.entries()) {
            PushedEntry.Builder e = PushedEntry.newBuilder().setMessage(ByteString.copyFrom(o.message().toByteArray()));
            if (o.skipClientId() != null) {
                e.setSkipClientId(o.skipClientId());
            }
            b.addEntries(e);
        }
        return b.build();
    }
}
