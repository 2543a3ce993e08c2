package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.Message;
import io.hearth.server.message.Delivery;
import io.hearth.server.notice.Notifier;
import io.hearth.server.session.Kicker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Pushes and kicks go only to the nodes that hold the user's sessions: one envelope per node, never a broadcast. */
class ClusterDeliveryTest {

    private final Map<String, Set<Integer>> where = new HashMap<>();
    private final Map<Integer, List<byte[]>> sent = new HashMap<>();
    private final List<Delivery.UserPush> localPushes = new ArrayList<>();
    private final List<String> localKicks = new ArrayList<>();

    private final PresenceDirectory presence = new PresenceDirectory() {
        @Override
        public void set(String userId, boolean present) {
        }

        @Override
        public Map<String, Set<Integer>> nodesOf(Collection<String> userIds) {
            Map<String, Set<Integer>> out = new HashMap<>();
            userIds.forEach(u -> {
                if (where.containsKey(u)) {
                    out.put(u, where.get(u));
                }
            });
            return out;
        }
    };

    private Consumer<byte[]> receiver;
    private final NodeLink link = new NodeLink() {
        @Override
        public void send(int nodeId, byte[] envelope) {
            sent.computeIfAbsent(nodeId, n -> new ArrayList<>()).add(envelope);
        }

        @Override
        public void onReceive(Consumer<byte[]> handler) {
            receiver = handler;
        }
    };

    private final List<Notifier.UserNotice> localNotices = new ArrayList<>();
    private final ClusterDelivery delivery = new ClusterDelivery(localPushes::addAll, localNotices::addAll,
            (user, client, cause) -> localKicks.add(user + "/" + client + "/" + cause), presence, link, 1,
            Runnable::run);

    private static Delivery.UserPush push(String user, long seq) {
        Message m = Message.newBuilder().setMessageUid(seq).setSender("x").setSeq(seq).build();
        return new Delivery.UserPush(user, List.of(new Delivery.Outgoing(m, "phone")), seq);
    }

    @Test
    void onlyNodesHoldingTheUserGetAnEnvelopeOnePerNode() {
        where.put("a", Set.of(1, 2));
        where.put("b", Set.of(2));
        where.put("c", Set.of(3));
        delivery.deliver(List.of(push("a", 1), push("b", 1), push("c", 1), push("offline", 1)));

        assertThat(localPushes).hasSize(4);
        assertThat(sent).containsOnlyKeys(2, 3);
        assertThat(sent.get(2)).hasSize(1);
        assertThat(sent.get(3)).hasSize(1);
    }

    @Test
    void nothingLeavesTheNodeWhenNoOtherNodeHoldsTheUsers() {
        where.put("a", Set.of(1));
        delivery.deliver(List.of(push("a", 1), push("offline", 1)));
        assertThat(sent).isEmpty();
    }

    @Test
    void anEnvelopeFromAnotherNodeIsDeliveredLocallyWithItsEntries() {
        where.put("a", Set.of(2));
        delivery.deliver(List.of(push("a", 7)));
        localPushes.clear();

        receiver.accept(sent.get(2).get(0));

        assertThat(localPushes).singleElement().satisfies(p -> {
            assertThat(p.userId()).isEqualTo("a");
            assertThat(p.head()).isEqualTo(7);
            assertThat(p.entries()).singleElement().satisfies(o -> {
                assertThat(o.message().getSeq()).isEqualTo(7);
                assertThat(o.skipClientId()).isEqualTo("phone");
            });
        });
    }

    @Test
    void kicksReachTheLocalNodeAndOnlyTheNodesHoldingTheUser() {
        where.put("a", Set.of(1, 3));
        delivery.kick("a", "pc", Kicker.Cause.ADMIN);
        assertThat(localKicks).containsExactly("a/pc/ADMIN");
        assertThat(sent).containsOnlyKeys(3);

        localKicks.clear();
        receiver.accept(sent.get(3).get(0));
        assertThat(localKicks).containsExactly("a/pc/ADMIN");
    }

    @Test
    void noticesReachTheNodesHoldingTheUserWithTheSessionToSkip() {
        where.put("a", Set.of(1, 2));
        delivery.notify(List.of(Notifier.of("a", "friend", 5, null, "phone"), Notifier.of("offline", "friend", 1,
                null, null)));
        assertThat(localNotices).hasSize(2);
        assertThat(sent).containsOnlyKeys(2);

        localNotices.clear();
        receiver.accept(sent.get(2).get(0));
        assertThat(localNotices).singleElement().satisfies(n -> {
            assertThat(n.userId()).isEqualTo("a");
            assertThat(n.notice().getKind()).isEqualTo("friend");
            assertThat(n.notice().getVersion()).isEqualTo(5);
            assertThat(n.skipClientId()).isEqualTo("phone");
        });
        assertThat(localPushes).isEmpty();
    }

    @Test
    void aFailingDirectoryNeitherReachesTheCallerNorHoldsBackLocalSessions() {
        PresenceDirectory broken = new PresenceDirectory() {
            @Override
            public void set(String userId, boolean present) {
            }

            @Override
            public Map<String, Set<Integer>> nodesOf(Collection<String> userIds) {
                throw new IllegalStateException("cluster operation timed out");
            }
        };
        List<Runnable> queued = new ArrayList<>();
        ClusterDelivery d = new ClusterDelivery(localPushes::addAll, localNotices::addAll, (u, c, k) -> { },
                broken, link, 1, queued::add);
        d.deliver(List.of(push("a", 1)));
        d.notify(List.of(Notifier.of("a", "friend", 1, null, null)));
        assertThat(localPushes).hasSize(1); // local sessions served on the caller's thread
        assertThat(localNotices).hasSize(1);
        assertThat(queued).hasSize(2); // other nodes later, off the caller's thread
        queued.forEach(Runnable::run); // and a failure there is logged, not thrown
        assertThat(sent).isEmpty();
    }

    @Test
    void garbageFromTheClusterIsDroppedNotThrown() {
        delivery.deliver(List.of());
        receiver.accept(new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThat(localPushes).isEmpty();
    }
}
