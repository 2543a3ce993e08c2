package io.hearth.bench.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's own arithmetic: who is in which group, who sends, what a run must write and push. */
class GroupLayoutTest {

    @Test
    void groupsAreDisjointWhenThereIsAUserPerMembership() {
        GroupLayout l = new GroupLayout(100, 100, GroupLayout.defaultUsers(100, 100, 10_000), 100);
        assertThat(l.users()).isEqualTo(10_000);
        assertThat(l.membersOf(0)).startsWith(0, 1).endsWith(99);
        assertThat(l.membersOf(99)).startsWith(9_900).endsWith(9_999);
    }

    @Test
    void withFewerUsersEachUserIsInSeveralGroupsButNeverTwiceInOne() {
        GroupLayout l = new GroupLayout(100, 1_000, GroupLayout.defaultUsers(100, 1_000, 10_000), 200);
        assertThat(l.users()).isEqualTo(10_000);
        int[] groupsOfUser = new int[l.users()];
        for (int g = 0; g < l.groups(); g++) {
            List<Integer> members = l.membersOf(g);
            assertThat(new HashSet<>(members)).hasSize(1_000);
            members.forEach(u -> groupsOfUser[u]++);
        }
        assertThat(groupsOfUser).containsOnly(10);
    }

    @Test
    void sendersAreDistinctMembersOfTheGroupTheySendTo() {
        GroupLayout l = new GroupLayout(100, 1_000, 10_000, 300);
        List<Integer> senders = l.senderUsers();
        assertThat(new HashSet<>(senders)).hasSize(300);
        for (int s = 0; s < senders.size(); s++) {
            assertThat(l.membersOf(l.groupOf(s))).contains(senders.get(s));
        }
        // senders 0 and 10 would both be user 0 (groups 0 and 10 overlap): the second moves on
        assertThat(senders.get(0)).isEqualTo(0);
        assertThat(senders.get(10)).isEqualTo(1);
    }

    @Test
    void aMessageWritesOneEntryPerMemberAndPushesToAllButTheSender() {
        GroupLayout l = new GroupLayout(100, 200, 10_000, 100);
        assertThat(l.entriesPerMessage()).isEqualTo(200);
        assertThat(l.pushesPerMessage()).isEqualTo(199);
        assertThat(GroupReport.perSecond(3_000 * 200L, 7.5)).isEqualTo(80_000);
        assertThat(GroupReport.perSecond(1, 0)).isZero();
    }

    @Test
    void impossibleLayoutsAreRefused() {
        assertThatThrownBy(() -> new GroupLayout(10, 1, 100, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupLayout(10, 100, 50, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupLayout(2, 3, 6, 7)).hasMessageContaining("7 senders");
        assertThatThrownBy(() -> new GroupLayout(2, 3, 4, 4).senderUsers()).hasMessageContaining("no member left");
    }

    @Test
    void aStampCarriesSendTimeAndPhase() {
        var data = Stamp.of(123_456_789L, Stamp.MEASURED);
        assertThat(Stamp.is(data)).isTrue();
        assertThat(Stamp.sentAt(data)).isEqualTo(123_456_789L);
        assertThat(Stamp.measured(data)).isTrue();
        assertThat(Stamp.measured(Stamp.of(1, Stamp.WARMUP))).isFalse();
        assertThat(Stamp.is(com.google.protobuf.ByteString.copyFromUtf8("{\"g\":\"xyzab\"}"))).isFalse();
    }
}
