package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ChangePlan;
import io.hearth.server.message.ConversationPolicy;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.HistoryScope;
import io.hearth.server.message.Send;
import io.hearth.server.message.SendPlan;
import io.hearth.server.message.StoredMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Group sends (conversation type 1): the receivers are the group's present members but the sender, or only those
 * named in {@code to_users}; a super group's stored message goes to its shared timeline instead (read diffusion,
 * {@link SuperGroups}), where {@code to_users} filters what each member reads; a client's send is refused by {@link GroupRules#sendRefusal} (9 not a member, 241
 * muted). Server API sends are exempt from membership and mute, as in the reference; the notification of a kick or
 * a quit also reaches the members it names, who are removed by then. Membership is read from the store on every
 * send (no cache on this round: a change through any node is seen by the next send on every node). {@link #plan}
 * is called on the sender's thread and reads on the blocking executor.
 */
public final class GroupPolicy implements ConversationPolicy {

    private final GroupStore store;
    private final BlockingExecutor blocking;
    private final Set<Integer> muteExceptions;

    public GroupPolicy(GroupStore store, BlockingExecutor blocking, Set<Integer> muteExceptions) {
        this.store = store;
        this.blocking = blocking;
        this.muteExceptions = Set.copyOf(muteExceptions);
    }

    @Override
    public int type() {
        return ConversationTypes.GROUP;
    }

    @Override
    public CompletableFuture<SendPlan> plan(Send send) {
        String groupId = send.target();
        return blocking.supply(() -> {
            GroupInfo info = store.find(groupId)
                    .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "group " + groupId + " not exist"));
            boolean stored = send.persistFlag() != ConversationTypes.TRANSPARENT;
            if (info.superGroup() && stored && !dismissal(send)) {
                check(send, info, store.member(groupId, send.sender()).orElse(null));
                return new SendPlan(send, sharedLeavers(send, groupId), true, groupId);
            }
            Map<String, GroupMember> members = store.members(groupId);
            check(send, info, members.get(send.sender()));
            return new SendPlan(send, receivers(send, members), stored);
        });
    }

    /**
     * A change of a group message reaches the members present now (those of its {@code to_users} when it named
     * some), in their timelines; a super group's message written to its shared timeline gets the change there
     * (a message sent before the group became super, in the members' timelines, too: they read both). A dismissed
     * group's message changes for its sender only.
     */
    @Override
    public CompletableFuture<ChangePlan> planChange(StoredMessage message, String operator) {
        String groupId = message.conversation().getTarget();
        return blocking.supply(() -> {
            GroupInfo info = store.find(groupId).orElse(null);
            if (info == null) {
                return new ChangePlan(List.of(), null, ChangePlan.Standing.NONE, ChangePlan.Standing.NONE);
            }
            if (info.superGroup()) {
                return new ChangePlan(List.of(), groupId, standing(info, store.member(groupId, operator).orElse(null)),
                        standing(info, store.member(groupId, message.sender()).orElse(null)));
            }
            Map<String, GroupMember> members = store.members(groupId);
            Set<String> to = new HashSet<>(message.toUsers());
            List<String> receivers = new ArrayList<>();
            for (GroupMember m : members.values()) {
                if (m.present() && !m.memberId().equals(message.sender())
                        && (to.isEmpty() || to.contains(m.memberId()))) {
                    receivers.add(m.memberId());
                }
            }
            return new ChangePlan(receivers, null, standing(info, members.get(operator)),
                    standing(info, members.get(message.sender())));
        });
    }

    private static ChangePlan.Standing standing(GroupInfo info, GroupMember m) {
        if (m == null || !m.present()) {
            return ChangePlan.Standing.NONE;
        }
        if (m.type() == GroupMember.OWNER || m.memberId().equals(info.owner())) {
            return ChangePlan.Standing.OWNER;
        }
        return m.type() == GroupMember.MANAGER ? ChangePlan.Standing.MANAGER : ChangePlan.Standing.MEMBER;
    }

    private void check(Send send, GroupInfo info, GroupMember sender) {
        if (send.origin() != Send.Origin.CLIENT) {
            return;
        }
        Status refusal = GroupRules.sendRefusal(info, sender, send.request().getContent().getType(), muteExceptions);
        if (refusal != null) {
            throw new StatusException(refusal, refusal == Status.NOT_IN_GROUP
                    ? send.sender() + " is not a member of group " + info.groupId()
                    : "group " + info.groupId() + " is muted for " + send.sender());
        }
    }

    /**
     * The dismissal notice (108) of a super group goes to every member's own timeline: the shared one goes with the
     * group.
     */
    private static boolean dismissal(Send send) {
        return send.origin() == Send.Origin.SERVER_API
                && send.request().getContent().getType() == GroupNotices.DISMISS;
    }

    /**
     * A super group's message is read from its shared timeline by the present members; the members a notification
     * removes get it in their own timelines (they can no longer read the shared one) — the one who quit too, for
     * its other devices, as a shared message gives its sender no entry of its own.
     */
    private List<String> sharedLeavers(Send send, String groupId) {
        if (send.origin() != Send.Origin.SERVER_API) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String leaver : send.alsoTo()) {
            if (store.member(groupId, leaver).map(m -> !m.present()).orElse(false)) {
                out.add(leaver);
            }
        }
        return out;
    }

    private static List<String> receivers(Send send, Map<String, GroupMember> members) {
        Set<String> to = new HashSet<>(send.request().getToUsersList());
        List<String> out = new ArrayList<>();
        for (GroupMember m : members.values()) {
            if (m.present() && !m.memberId().equals(send.sender()) && (to.isEmpty() || to.contains(m.memberId()))) {
                out.add(m.memberId());
            }
        }
        if (send.origin() == Send.Origin.SERVER_API) {
            for (String leaver : send.alsoTo()) {
                GroupMember m = members.get(leaver);
                if (m != null && !m.present() && !leaver.equals(send.sender())) {
                    out.add(leaver);
                }
            }
        }
        return out;
    }

    /**
     * A group's history is for its present members (else 9; 253 when there is no such group): a super group's is its
     * shared timeline, a normal group's the member's own timeline (the group messages it received).
     */
    @Override
    public CompletableFuture<HistoryScope> historyScope(String userId, Conversation conv) {
        String groupId = conv.getTarget();
        return blocking.supply(() -> {
            GroupInfo info = store.find(groupId)
                    .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "group " + groupId + " not exist"));
            if (store.member(groupId, userId).filter(GroupMember::present).isEmpty()) {
                throw new StatusException(Status.NOT_IN_GROUP, userId + " is not a member of group " + groupId);
            }
            return info.superGroup() ? HistoryScope.shared(groupId) : HistoryScope.OWN;
        });
    }
}
