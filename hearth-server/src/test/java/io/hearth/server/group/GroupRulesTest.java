package io.hearth.server.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The group permission rules: roles for changes, the owner's protection, and who may send when. */
class GroupRulesTest {

    private static final Set<Integer> VOIP = Set.of(401, 402);

    private static GroupMember m(int type) {
        return new GroupMember("g", "u" + type, "", type, "", 1, 1);
    }

    private static GroupInfo info(int mute) {
        return new GroupInfo("g", "n", "", "u2", 2, "", mute, 0, 0, 0, 0, 0, false, 3, 1, 1, 1);
    }

    private static Status status(Runnable r) {
        try {
            r.run();
            return Status.SUCCESS;
        } catch (StatusException e) {
            return e.status();
        }
    }

    @Test
    void ownerOnlyChangesRefuseManagersAndMembersAndNonMembersButNotTheServerApi() {
        assertThat(status(() -> GroupRules.requireOwner(m(GroupMember.OWNER), false))).isEqualTo(Status.SUCCESS);
        assertThat(status(() -> GroupRules.requireOwner(m(GroupMember.MANAGER), false))).isEqualTo(Status.NOT_RIGHT);
        assertThat(status(() -> GroupRules.requireOwner(m(GroupMember.NORMAL), false))).isEqualTo(Status.NOT_RIGHT);
        assertThat(status(() -> GroupRules.requireOwner(null, false))).isEqualTo(Status.NOT_IN_GROUP);
        assertThat(status(() -> GroupRules.requireOwner(m(GroupMember.REMOVED), false)))
                .isEqualTo(Status.NOT_IN_GROUP);
        assertThat(status(() -> GroupRules.requireOwner(null, true))).isEqualTo(Status.SUCCESS);
    }

    @Test
    void managerChangesAcceptOwnerAndManagersOnly() {
        assertThat(status(() -> GroupRules.requireManager(m(GroupMember.OWNER), false))).isEqualTo(Status.SUCCESS);
        assertThat(status(() -> GroupRules.requireManager(m(GroupMember.MANAGER), false))).isEqualTo(Status.SUCCESS);
        for (int t : new int[] {GroupMember.NORMAL, GroupMember.MUTED, GroupMember.ALLOWED}) {
            assertThat(status(() -> GroupRules.requireManager(m(t), false))).as("type %d", t)
                    .isEqualTo(Status.NOT_RIGHT);
        }
        assertThat(status(() -> GroupRules.requireManager(m(GroupMember.NORMAL), true))).isEqualTo(Status.SUCCESS);
    }

    @Test
    void theOwnerIsNeverATargetAndManagersDoNotActOnManagers() {
        assertThatThrownBy(() -> GroupRules.requireAbove(null, m(GroupMember.OWNER), true))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.status()).isEqualTo(Status.NOT_RIGHT));
        assertThat(status(() -> GroupRules.requireAbove(m(GroupMember.MANAGER), m(GroupMember.MANAGER), false)))
                .isEqualTo(Status.NOT_RIGHT);
        assertThat(status(() -> GroupRules.requireAbove(m(GroupMember.OWNER), m(GroupMember.MANAGER), false)))
                .isEqualTo(Status.SUCCESS);
        assertThat(status(() -> GroupRules.requireAbove(m(GroupMember.MANAGER), m(GroupMember.MUTED), false)))
                .isEqualTo(Status.SUCCESS);
        assertThat(status(() -> GroupRules.requireAbove(m(GroupMember.NORMAL), m(GroupMember.NORMAL), false)))
                .isEqualTo(Status.NOT_RIGHT);
        assertThatCode(() -> GroupRules.requireAbove(null, m(GroupMember.MANAGER), true)).doesNotThrowAnyException();
    }

    @Test
    void sendingNeedsMembershipAndRespectsMemberMuteMuteAllAndTheExceptionTypes() {
        assertThat(GroupRules.sendRefusal(info(0), null, 1, VOIP)).isEqualTo(Status.NOT_IN_GROUP);
        assertThat(GroupRules.sendRefusal(info(0), m(GroupMember.REMOVED), 401, VOIP)).isEqualTo(Status.NOT_IN_GROUP);
        assertThat(GroupRules.sendRefusal(info(0), m(GroupMember.NORMAL), 1, VOIP)).isNull();
        assertThat(GroupRules.sendRefusal(info(0), m(GroupMember.MUTED), 1, VOIP)).isEqualTo(Status.GROUP_MUTED);
        assertThat(GroupRules.sendRefusal(info(0), m(GroupMember.MUTED), 401, VOIP)).isNull();
        assertThat(GroupRules.sendRefusal(info(1), m(GroupMember.NORMAL), 1, VOIP)).isEqualTo(Status.GROUP_MUTED);
        assertThat(GroupRules.sendRefusal(info(1), m(GroupMember.NORMAL), 402, VOIP)).isNull();
        for (int t : new int[] {GroupMember.OWNER, GroupMember.MANAGER, GroupMember.ALLOWED}) {
            assertThat(GroupRules.sendRefusal(info(1), m(t), 1, VOIP)).as("type %d", t).isNull();
        }
        assertThat(GroupRules.sendRefusal(info(1), m(GroupMember.MUTED), 1, VOIP)).isEqualTo(Status.GROUP_MUTED);
    }
}
