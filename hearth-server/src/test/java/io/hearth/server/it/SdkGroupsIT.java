package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthException;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.client.group.Groups;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.GetGroupInfosResult;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupMembersResult;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.GroupResult;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code client.groups()} of the Java SDK against a real node (H2), users connected through the route over TCP and
 * WebSocket: a group through its life (create, add, managers, mute and allow, modify, alias, transfer, kick, quit,
 * dismiss) with every change seen in the members' pulled lists and infos, get_infos by update time (not modified),
 * pull_members since a member update time, my and common groups, a custom notification on two lines through
 * {@code notifying}, and refusals as {@link HearthException}s with the server's codes.
 */
class SdkGroupsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CUSTOM = 1001;

    private static TestNode node;
    private final List<HearthClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(HearthClient::close);
    }

    @Test
    void aGroupThroughItsLifeWithTheSdk() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        Timeline carolSees = new Timeline();
        Groups a = connect(client(alice, Platforms.ANDROID, Transport.TCP, new Timeline())).groups();
        Groups b = connect(client(bob, Platforms.WINDOWS, Transport.WEBSOCKET, new Timeline())).groups();
        Groups c = connect(client(carol, Platforms.ANDROID, Transport.TCP, carolSees)).groups();

        String gid = join(a.create(GroupProfile.newBuilder().setName("climbers").build(), List.of(bob)));
        assertThat(join(b.myGroups())).containsExactly(gid);
        GroupResult first = join(b.getInfos(Map.of(gid, 0L))).getResult(0);
        assertThat(first.getCode()).isEqualTo(Groups.FOUND);
        assertThat(first.getGroup().getOwner()).isEqualTo(alice);
        long infoDt = first.getGroup().getUpdateDt();
        GroupMembersResult all = join(b.pullMembers(gid, 0));
        assertThat(all.getMembersList()).extracting(GroupMemberEntry::getMemberId).containsExactlyInAnyOrder(alice, bob);
        long since = all.getMemberUpdateDt();

        pause();
        join(a.addMembers(gid, List.of(carol)));
        join(a.setManagers(gid, List.of(bob), true));
        join(b.mute(gid, List.of(carol), true));
        assertThat(types(join(c.pullMembers(gid, since)))).containsEntry(carol, 3).containsEntry(bob, 1)
                .doesNotContainKey(alice);
        join(b.mute(gid, List.of(carol), false));
        join(a.modify(gid, 3, "1"));
        join(b.allow(gid, List.of(carol), true));
        assertThat(types(join(a.pullMembers(gid, 0)))).containsEntry(carol, 5);

        Map<String, Long> held = new LinkedHashMap<>();
        held.put(gid, infoDt);
        held.put("nope-" + gid, 0L);
        GetGroupInfosResult infos = join(c.getInfos(held));
        assertThat(infos.getResultList()).extracting(GroupResult::getCode).containsExactly(Groups.FOUND,
                Groups.NO_SUCH_GROUP);
        assertThat(infos.getResult(0).getGroup().getMute()).isEqualTo(1);
        long muteDt = infos.getResult(0).getGroup().getUpdateDt();
        assertThat(join(c.getInfos(Map.of(gid, muteDt))).getResult(0).getCode()).isEqualTo(Groups.NOT_MODIFIED);

        join(c.setAlias(gid, "cc"));
        join(a.transfer(gid, bob));
        assertThat(join(a.commonGroups(carol))).containsExactly(gid);
        join(b.kickMembers(gid, List.of(carol)));
        assertThat(types(join(a.pullMembers(gid, 0)))).containsEntry(bob, 2).containsEntry(alice, 0)
                .containsEntry(carol, 4);
        assertThat(join(c.myGroups())).isEmpty();
        assertThat(codeOf(c.pullMembers(gid, 0))).as("no longer a member").isEqualTo(9);
        join(a.quit(gid));
        assertThat(codeOf(a.dismiss(gid))).isEqualTo(9);
        join(b.dismiss(gid));
        assertThat(join(b.myGroups())).isEmpty();
        assertThat(join(b.getInfos(Map.of(gid, 0L))).getResult(0).getCode()).isEqualTo(Groups.NO_SUCH_GROUP);

        // carol's timeline: added (105) ... kicked (106), nothing after
        await().atMost(WAIT).until(() -> carolSees.types(gid).contains(106));
        assertThat(carolSees.types(gid)).containsSubsequence(105, 117, 118, 118, 113, 119, 111, 109, 106)
                .doesNotContain(107, 108);
    }

    @Test
    void notifyingSendsTheAppsOwnNotificationOnItsLinesAndRefusalsCarryTheCodes() {
        String alice = user("alice");
        String bob = user("bob");
        Timeline bobSees = new Timeline();
        Groups a = connect(client(alice, Platforms.ANDROID, Transport.TCP, new Timeline())).groups();
        Groups b = connect(client(bob, Platforms.WINDOWS, Transport.WEBSOCKET, bobSees)).groups();
        String gid = join(a.create(GroupProfile.newBuilder().setName("lines").build(), List.of(bob)));

        MessageContent own = MessageContent.newBuilder().setType(CUSTOM).setSearchableContent("alice renamed it")
                .setPersistFlag(1).build();
        join(a.notifying(List.of(0, 4), own).modify(gid, 0, "summit"));
        await().atMost(WAIT).until(() -> bobSees.of(gid).stream().filter(m -> m.getContent().getType() == CUSTOM)
                .count() == 2);
        assertThat(bobSees.of(gid)).filteredOn(m -> m.getContent().getType() == CUSTOM)
                .extracting(m -> m.getConversation().getLine()).containsExactlyInAnyOrder(0, 4);
        assertThat(bobSees.types(gid)).doesNotContain(110);
        assertThat(join(b.getInfos(Map.of(gid, 0L))).getResult(0).getGroup().getName()).isEqualTo("summit");

        assertThat(codeOf(b.mute(gid, List.of(alice), true))).isEqualTo(248);
        assertThat(codeOf(b.dismiss(gid))).isEqualTo(248);
        assertThat(codeOf(a.addMembers(gid, List.of(bob)))).isEqualTo(12);
        assertThat(codeOf(a.addMembers(gid, List.of(Fixtures.id("nobody"))))).isEqualTo(253);
        assertThat(codeOf(a.modify(gid, 42, "x"))).isEqualTo(251);
        assertThat(codeOf(a.notifying(List.of(-1), null).setAlias(gid, "x"))).isEqualTo(251);
        assertThat(codeOf(a.commonGroups(null))).isEqualTo(251);
        assertThat(codeOf(a.quit("nope-" + gid))).isEqualTo(253);
    }

    private static Map<String, Integer> types(GroupMembersResult r) {
        Map<String, Integer> out = new HashMap<>();
        r.getMembersList().forEach(m -> out.put(m.getMemberId(), m.getType()));
        return out;
    }

    private static String user(String prefix) {
        return SdkCalls.user(node, prefix);
    }

    private HearthClient client(String user, int platform, Transport transport, Timeline listener) {
        return SdkCalls.client(node, clients, user, platform, transport, listener);
    }

    private static HearthClient connect(HearthClient c) {
        return SdkCalls.connect(c);
    }

    private static <T> T join(CompletableFuture<T> f) {
        return SdkCalls.join(f);
    }

    private static int codeOf(CompletableFuture<?> f) {
        return SdkCalls.codeOf(f);
    }

    /** Lets the clock move on, so that the next change has a later update time than the one just read. */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The messages one SDK client's timeline sync delivered. */
    static final class Timeline implements HearthListener {
        private final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onMessages(List<Message> batch) {
            messages.addAll(batch);
        }

        List<Message> of(String groupId) {
            return messages.stream().filter(m -> m.getConversation().getType() == 1
                    && m.getConversation().getTarget().equals(groupId)).toList();
        }

        List<Integer> types(String groupId) {
            return of(groupId).stream().map(m -> m.getContent().getType()).toList();
        }
    }
}
