package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The presence directory loses entries (here wiped outright, as a put-if-absent split-brain merge or a double
 * failure can do to some of them): the users connected to node 1 stop getting pushes from other nodes. The next
 * membership change makes every node re-announce the users it holds, and pushes reach them again without anybody
 * reconnecting.
 */
class PresenceReannounceIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void usersWhosePresenceWasWipedGetPushesAgainAfterTheNextMembershipChange() {
        NodeProcess home = cluster.node(1);
        NodeProcess other = cluster.node(2);
        home.admin().createUser("wiped-bob", "wiped-bob", "wiped-bob");
        other.admin().createUser("wiped-alice", "wiped-alice", "wiped-alice");
        ChatUser bob = new ChatUser("wiped-bob", "bob-phone",
                home.admin().getToken("wiped-bob", "bob-phone", Platforms.ANDROID));
        ChatUser alice = new ChatUser("wiped-alice", "alice-phone",
                other.admin().getToken("wiped-alice", "alice-phone", Platforms.ANDROID));
        try (HearthClient onHome = direct(home, bob); HearthClient onOther = direct(other, alice)) {
            onHome.connect().orTimeout(20, TimeUnit.SECONDS).join();
            onOther.connect().orTimeout(20, TimeUnit.SECONDS).join();
            onOther.sendText(bob.userId, "before").orTimeout(10, TimeUnit.SECONDS).join();
            await("push across nodes").atMost(Duration.ofSeconds(10)).until(() -> bob.delivered.size() == 1);

            try (LiteMember wiper = new LiteMember(cluster)) {
                await("the lite member sees bob on node 1").atMost(Duration.ofSeconds(15))
                        .until(() -> nodesOf(wiper, bob.userId).contains(1));
                wiper.presence().clear();
                try (LiteMember joiner = new LiteMember(cluster)) {
                    await("node 1 re-announces bob after the join").atMost(Duration.ofSeconds(15))
                            .until(() -> nodesOf(joiner, bob.userId).contains(1));
                    assertThat(nodesOf(joiner, alice.userId)).containsExactly(2);
                }
            }
            onOther.sendText(bob.userId, "after").orTimeout(10, TimeUnit.SECONDS).join();
            await("push after the re-announce").atMost(Duration.ofSeconds(10))
                    .until(() -> bob.delivered.size() == 2);
            assertThat(bob.delivered).extracting(m -> m.getContent().getSearchableContent())
                    .containsExactly("before", "after");
            assertThat(bob.delivered).extracting(Message::getSeq).containsExactly(1L, 2L);
            assertThat(bob.disconnects.get()).as("bob never reconnected").isZero();
        }
    }

    private static List<Integer> nodesOf(LiteMember member, String userId) {
        int[] ids = member.presence().get(userId);
        return ids == null ? List.of() : java.util.Arrays.stream(ids).boxed().toList();
    }

    private static HearthClient direct(NodeProcess node, ChatUser user) {
        return HearthClient.builder().directAddress(node.host(), node.ports().mqtt())
                .userId(user.userId).clientId(user.clientId).token(user.token).platform(Platforms.ANDROID)
                .listener(user).build();
    }
}
