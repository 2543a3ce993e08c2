package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.relation.FriendRequest;
import io.hearth.server.relation.FriendRequests;
import io.hearth.server.relation.Friends;
import io.hearth.server.user.UserIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API relation actions ({@code /admin/friend/*}, {@code /admin/blacklist/*}, {@code /admin/relation/get})
 * with the reference's field names; changes made here are pushed to all devices of the users they touch. Bodies
 * of the endpoints the reference leaves undocumented ({@code get_requests}, {@code handle_send_request}) are
 * Hearth's, described in docs/server-api.md.
 */
public final class RelationActions implements AdminActions {

    private final Friends friends;
    private final FriendRequests requests;

    public RelationActions(Friends friends, FriendRequests requests) {
        this.friends = friends;
        this.requests = requests;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/friend/status", this::status)
                .action("/admin/friend/list", b -> friends.friendIds(user(b, "userId"))
                        .thenApply(l -> Map.of("list", l)))
                .action("/admin/blacklist/status", this::blacklist)
                .action("/admin/blacklist/list", b -> friends.blacklisted(user(b, "userId"))
                        .thenApply(l -> Map.of("list", l)))
                .action("/admin/friend/set_alias", b -> friends.setAlias(user(b, "operator"), user(b, "targetId"),
                        AdminJson.optional(b, "alias"), null).thenApply(v -> null))
                .action("/admin/friend/get_alias", this::getAlias)
                .action("/admin/friend/set_extra", b -> friends.setExtra(user(b, "operator"), user(b, "targetId"),
                        AdminJson.optional(b, "extra"), null).thenApply(v -> null))
                .action("/admin/friend/send_request", b -> requests.send(user(b, "userId"), user(b, "friendUid"),
                        AdminJson.optional(b, "reason"), AdminJson.optional(b, "extra"), bool(b, "force", false), null)
                        .thenApply(v -> null))
                .action("/admin/friend/get_requests", this::getRequests)
                .action("/admin/friend/handle_send_request", this::handle)
                .action("/admin/relation/get", this::relation);
    }

    /** {@code {userId, friendUid, status: 0 friend | 1 stranger, extra?}}; both ways. */
    private CompletableFuture<Object> status(JsonNode b) {
        String user = user(b, "userId");
        String friend = user(b, "friendUid");
        int status = requiredInt(b, "status");
        if (status != 0 && status != 1) {
            throw new StatusException(Status.INVALID_PARAMETER, "status must be 0 (friend) or 1 (stranger)");
        }
        return friends.setStatus(user, friend, status == 0, AdminJson.optional(b, "extra")).thenApply(v -> null);
    }

    /** {@code {userId, targetUid, status: 2 block | 1 (or 0) unblock}}; one-directional. */
    private CompletableFuture<Object> blacklist(JsonNode b) {
        String user = user(b, "userId");
        String target = user(b, "targetUid");
        int status = requiredInt(b, "status");
        if (status < 0 || status > 2) {
            throw new StatusException(Status.INVALID_PARAMETER, "status must be 2 (block) or 1 (unblock)");
        }
        return friends.setBlacklist(user, target, status == 2, null).thenApply(v -> null);
    }

    private CompletableFuture<Object> getAlias(JsonNode b) {
        String operator = user(b, "operator");
        String target = user(b, "targetId");
        return friends.relation(operator, target).thenApply(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operator", operator);
            m.put("targetId", target);
            m.put("alias", f.alias() == null ? "" : f.alias());
            return m;
        });
    }

    /** {@code {first, second}} (also {@code operator}/{@code userId} and {@code targetId}, as in the reference's docs). */
    private CompletableFuture<Object> relation(JsonNode b) {
        String first = user(b, alias(b, "first", "operator", "userId"));
        String second = user(b, alias(b, "second", "targetId"));
        return friends.relation(first, second).thenApply(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userId", first);
            m.put("targetId", second);
            m.put("alias", f.alias() == null ? "" : f.alias());
            m.put("extra", f.extra() == null ? "" : f.extra());
            m.put("isFriend", f.isFriend());
            m.put("isBlacked", f.blacked());
            return m;
        });
    }

    /** {@code {userId, incoming?: true}} → {@code {requests:[...]}}: requests to (or, incoming false, from) userId. */
    private CompletableFuture<Object> getRequests(JsonNode b) {
        String user = user(b, "userId");
        boolean incoming = bool(b, "incoming", true);
        return requests.all(user).thenApply(p -> {
            List<Map<String, Object>> out = p.requests().stream()
                    .filter(r -> (incoming ? r.toUid() : r.fromUid()).equals(user)).map(RelationActions::json)
                    .toList();
            return Map.of("requests", out);
        });
    }

    /** {@code {userId, friendUid, accept (or status 1 accept / 2 reject), extra?}}: userId handles friendUid's request. */
    private CompletableFuture<Object> handle(JsonNode b) {
        String user = user(b, "userId");
        String requester = user(b, "friendUid");
        boolean accept;
        if (b.hasNonNull("accept")) {
            accept = bool(b, "accept", true);
        } else if (b.hasNonNull("status")) {
            int status = requiredInt(b, "status");
            if (status != FriendRequest.ACCEPTED && status != FriendRequest.REJECTED) {
                throw new StatusException(Status.INVALID_PARAMETER, "status must be 1 (accept) or 2 (reject)");
            }
            accept = status == FriendRequest.ACCEPTED;
        } else {
            throw new StatusException(Status.INVALID_PARAMETER, "missing accept");
        }
        return requests.handle(user, requester, accept, AdminJson.optional(b, "extra"), null).thenApply(v -> null);
    }

    private static Map<String, Object> json(FriendRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fromUserId", r.fromUid());
        m.put("toUserId", r.toUid());
        m.put("reason", r.reason() == null ? "" : r.reason());
        m.put("extra", r.extra() == null ? "" : r.extra());
        m.put("status", r.status());
        m.put("readStatus", r.read());
        m.put("updateDt", r.updatedAt());
        return m;
    }

    private static String user(JsonNode b, String field) {
        return UserIds.check(field, AdminJson.required(b, field));
    }

    /** The first of these fields the body has (the reference's documents name some fields two ways). */
    private static String alias(JsonNode b, String... fields) {
        for (String f : fields) {
            if (b.hasNonNull(f)) {
                return f;
            }
        }
        return fields[0];
    }

    private static int requiredInt(JsonNode b, String field) {
        if (!b.hasNonNull(field)) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing " + field);
        }
        return AdminJson.optionalInt(b, field, 0);
    }

    /** A boolean given as true/false, 1/0 or "true"/"false"; 251 otherwise. */
    private static boolean bool(JsonNode b, String field, boolean def) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return def;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isInt() && (n.asInt() == 0 || n.asInt() == 1)) {
            return n.asInt() == 1;
        }
        if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        throw new StatusException(Status.INVALID_PARAMETER, field + " must be true or false");
    }
}
