package io.hearth.server.webhook;

import io.hearth.server.admin.GroupJson;
import io.hearth.server.admin.UserActions;
import io.hearth.server.event.EventHook;
import io.hearth.server.group.GroupChanged;
import io.hearth.server.group.GroupInfo;
import io.hearth.server.group.GroupStore;
import io.hearth.server.message.MessageRecalled;
import io.hearth.server.relation.Friend;
import io.hearth.server.relation.FriendChanged;
import io.hearth.server.relation.Friends;
import io.hearth.server.session.ClientPresence;
import io.hearth.server.user.UserChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks written right after the change they report (at least once, unless the node dies between the commit
 * and the write): each listens to its post-commit event on the {@link EventHook} and writes its row on that
 * listener's thread. Recall, online status, user info, relation, group info and group member.
 */
public final class EventWebhooks {

    private final Outbox outbox;
    private final Friends friends;
    private final GroupStore groups;

    public EventWebhooks(Outbox outbox, Friends friends, GroupStore groups) {
        this.outbox = outbox;
        this.friends = friends;
        this.groups = groups;
    }

    /** Listens to the events of every kind that has an endpoint. */
    public void listen(EventHook events) {
        if (outbox.enabled(WebhookKind.RECALL_FORWARD)) {
            events.listen("webhook-recall", MessageRecalled.class, this::recalled);
        }
        if (outbox.enabled(WebhookKind.ONLINE_STATUS)) {
            events.listen("webhook-online", ClientPresence.class, this::presence);
        }
        if (outbox.enabled(WebhookKind.USER_INFO)) {
            events.listen("webhook-user", UserChanged.class,
                    e -> outbox.write(WebhookKind.USER_INFO, UserActions.json(e.user())));
        }
        if (outbox.enabled(WebhookKind.RELATION)) {
            events.listen("webhook-relation", FriendChanged.class, this::relation);
        }
        if (outbox.enabled(WebhookKind.GROUP_INFO) || outbox.enabled(WebhookKind.GROUP_MEMBER)) {
            events.listen("webhook-group", GroupChanged.class, this::group);
        }
    }

    private void recalled(MessageRecalled e) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("message", WebhookBodies.message(e.original(), null));
        b.put("userId", e.operator());
        b.put("timestamp", e.at());
        b.put("isAdmin", e.byAdmin());
        outbox.write(WebhookKind.RECALL_FORWARD, b);
    }

    private void presence(ClientPresence p) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("userId", p.userId());
        b.put("clientId", p.clientId());
        b.put("platform", p.platform());
        b.put("status", p.online() ? 0 : 1);
        b.put("timestamp", p.at());
        outbox.write(WebhookKind.ONLINE_STATUS, b);
    }

    private void relation(FriendChanged c) {
        int type;
        String value;
        switch (c.what()) {
            case ADDED, ACCEPTED -> {
                type = 0;
                value = "1";
            }
            case DELETED -> {
                type = 0;
                value = "0";
            }
            case BLACKLISTED -> {
                type = 2;
                value = "1";
            }
            case UNBLACKLISTED -> {
                type = 2;
                value = "0";
            }
            case ALIAS -> {
                type = 1;
                value = row(c).map(Friend::alias).orElse("");
            }
            case EXTRA -> {
                type = 3;
                value = row(c).map(Friend::extra).orElse("");
            }
            default -> {
                return; // requests are no relation change
            }
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("userId", c.userId());
        b.put("targetId", c.peer());
        b.put("type", type);
        b.put("value", value == null ? "" : value);
        outbox.write(WebhookKind.RELATION, b);
    }

    private Optional<Friend> row(FriendChanged c) {
        return Optional.ofNullable(friends.relation(c.userId(), c.peer()).join());
    }

    private void group(GroupChanged g) {
        switch (g.what()) {
            case CREATED -> info(g, 0);
            case INFO -> info(g, 1);
            case OWNER -> info(g, 2);
            case DISMISSED -> info(g, 5);
            case MEMBERS_ADDED -> member(g, 0, null);
            case MEMBERS_REMOVED -> member(g, g.members().size() == 1 && g.members().get(0).equals(g.operator())
                    ? 1 : 2, null);
            case MEMBER_CHANGED -> member(g, 3, g.members().isEmpty() ? null
                    : groups.member(g.groupId(), g.members().get(0)).map(m -> String.valueOf(m.type())).orElse(null));
            default -> { }
        }
    }

    private void info(GroupChanged g, int type) {
        if (!outbox.enabled(WebhookKind.GROUP_INFO)) {
            return;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("operatorId", g.operator());
        b.put("groupId", g.groupId());
        b.put("type", type);
        Optional<GroupInfo> info = type == 5 ? Optional.empty() : groups.find(g.groupId());
        info.ifPresent(i -> b.put("groupInfo", GroupJson.json(i)));
        outbox.write(WebhookKind.GROUP_INFO, b);
    }

    private void member(GroupChanged g, int type, String value) {
        if (!outbox.enabled(WebhookKind.GROUP_MEMBER)) {
            return;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("operatorId", g.operator());
        b.put("groupId", g.groupId());
        b.put("memberIds", g.members());
        b.put("type", type);
        if (value != null) {
            b.put("value", value);
        }
        outbox.write(WebhookKind.GROUP_MEMBER, b);
    }
}
