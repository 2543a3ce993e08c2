package io.hearth.server.mqtt;

import io.hearth.protocol.Status;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.KickPush;
import io.hearth.protocol.pb.Message;
import io.hearth.server.message.Delivery;
import io.hearth.server.notice.Notifier;
import io.hearth.server.session.Kicker;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live, logged-in connections of this node by user, and the delivery of pushes and kicks to them. Any thread:
 * registration happens on event loops, deliveries on the message writer, kicks on the blocking executor.
 */
public final class ConnectionRegistry implements Delivery, Notifier, Kicker {

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Connection>> byUser = new ConcurrentHashMap<>();
    private final PresenceUpdates presence;
    private final PushWriter pushes;

    public ConnectionRegistry(PresenceUpdates presence, PushWriter pushes) {
        this.presence = presence;
        this.pushes = pushes;
    }

    /** Makes the cluster know that this node holds sessions of the user (after {@link #register}). */
    CompletableFuture<Void> announce(String userId) {
        return presence.update(userId, () -> byUser.containsKey(userId));
    }

    /** Adds a logged-in connection; returns the connection of the same client id it replaces, or null. */
    Connection register(Connection c) {
        Connection[] replaced = new Connection[1];
        byUser.compute(c.userId(), (u, list) -> {
            CopyOnWriteArrayList<Connection> l = list == null ? new CopyOnWriteArrayList<>() : list;
            for (Connection old : l) {
                if (old.clientId().equals(c.clientId())) {
                    replaced[0] = old;
                    l.remove(old);
                }
            }
            l.add(c);
            return l;
        });
        return replaced[0];
    }

    void unregister(Connection c) {
        if (c.userId() == null) {
            return;
        }
        byUser.computeIfPresent(c.userId(), (u, list) -> {
            list.remove(c);
            return list.isEmpty() ? null : list;
        });
        if (!byUser.containsKey(c.userId())) {
            String user = c.userId();
            presence.update(user, () -> byUser.containsKey(user));
        }
    }

    /** The live connections of a user (empty when offline). */
    public List<Connection> connectionsOf(String userId) {
        List<Connection> l = byUser.get(userId);
        return l == null ? List.of() : l;
    }

    /** A snapshot of every registered connection of this node. */
    public List<Connection> all() {
        List<Connection> out = new ArrayList<>();
        byUser.values().forEach(out::addAll);
        return out;
    }

    public int onlineConnections() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void deliver(List<UserPush> pushes) {
        for (UserPush p : pushes) {
            deliver(p.userId(), p.entries(), p.head());
        }
    }

    private void deliver(String userId, List<Outgoing> entries, long head) {
        List<Connection> conns = byUser.get(userId);
        if (conns == null) {
            return;
        }
        for (Connection c : conns) {
            if (c.state() != Connection.State.ACTIVE) {
                continue;
            }
            List<Message> mine = new ArrayList<>(entries.size());
            for (Outgoing o : entries) {
                if (o.skipClientId() == null || !o.skipClientId().equals(c.clientId())) {
                    mine.add(o.message());
                }
            }
            // an empty list still tells the client the head (a retried send it may have missed)
            if (!mine.isEmpty() || entries.isEmpty()) {
                pushes.messages(c, mine, head);
            }
        }
    }

    @Override
    public void notify(List<UserNotice> notices) {
        for (UserNotice n : notices) {
            for (Connection c : connectionsOf(n.userId())) {
                if (c.state() == Connection.State.ACTIVE && !c.clientId().equals(n.skipClientId())) {
                    pushes.always(c, Topics.PUSH_NOTICE, n.notice());
                }
            }
        }
    }

    @Override
    public void kick(String userId, String clientId, Cause cause) {
        for (Connection c : connectionsOf(userId)) {
            if (c.clientId().equals(clientId)) {
                takeOver(c, cause);
            }
        }
    }

    /** Tells a connection it was kicked or taken over, then closes it. */
    void takeOver(Connection c, Cause cause) {
        unregister(c);
        if (!c.moveTo(Connection.State.ACTIVE, Connection.State.TAKEN_OVER)) {
            return;
        }
        String reason = switch (cause) {
            case TAKEN_OVER -> "session taken over";
            case ADMIN -> "kicked off by the server";
            case BANNED -> "banned by the server";
        };
        pushes.always(c, Topics.PUSH_KICK, KickPush.newBuilder().setCode(Status.KICKED_OFF.code()).setMsg(reason).build());
        Disconnector.disconnect(c, disconnectCode(cause), reason);
    }

    /** The MQTT 5 DISCONNECT reason code of a kick. */
    static Disconnect disconnectCode(Cause cause) {
        return switch (cause) {
            case TAKEN_OVER -> Disconnect.SESSION_TAKEN_OVER;
            case ADMIN -> Disconnect.ADMINISTRATIVE_ACTION;
            case BANNED -> Disconnect.NOT_AUTHORIZED;
        };
    }
}
