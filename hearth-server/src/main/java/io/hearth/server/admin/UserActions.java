package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.mqtt.Connection;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.session.ClientIds;
import io.hearth.server.session.SessionService;
import io.hearth.server.user.User;
import io.hearth.server.user.UserDirectory;
import io.hearth.server.user.UserFields;
import io.hearth.server.user.UserIds;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Server API user actions: {@code /admin/user/create}, {@code get_info}, {@code get_token},
 * {@code onlinestatus}, {@code kickoff_client}, {@code session_list}, with the reference's field names.
 */
public final class UserActions implements AdminActions {

    private static final Set<Integer> CREATABLE_TYPES = Set.of(0, 3, 100);

    private final UserDirectory users;
    private final SessionService sessions;
    private static final String ONLINE_CLIENTS = "online-clients";

    private final ConnectionRegistry registry;
    private final AllNodes nodes;
    private final RandomIds randomIds = new RandomIds();

    public UserActions(UserDirectory users, SessionService sessions, ConnectionRegistry registry, AllNodes nodes) {
        this.users = users;
        this.sessions = sessions;
        this.registry = registry;
        this.nodes = nodes;
        nodes.serve(ONLINE_CLIENTS, request -> CompletableFuture.completedFuture(
                localClients(new String(request, StandardCharsets.UTF_8))));
    }

    /** The client ids of a user connected to this node. */
    private Map<String, Object> localClients(String userId) {
        return Map.of("clients", registry.connectionsOf(userId).stream().map(Connection::clientId).toList());
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/user/create", this::create)
                .action("/admin/user/get_info", this::getInfo)
                .action("/admin/user/get_token", this::getToken)
                .action("/admin/user/onlinestatus", this::onlineStatus)
                .action("/admin/user/kickoff_client", this::kickoff)
                .action("/admin/user/session_list", this::sessionList);
    }

    private CompletableFuture<Object> create(JsonNode b) {
        String name = AdminJson.required(b, "name");
        int type = AdminJson.optionalInt(b, "type", 0);
        if (!CREATABLE_TYPES.contains(type)) {
            throw new StatusException(Status.INVALID_PARAMETER, "type must be 0, 3 or 100");
        }
        String userId = Optional.ofNullable(AdminJson.optional(b, "userId")).orElseGet(randomIds::userId);
        String displayName = Optional.ofNullable(AdminJson.optional(b, "displayName")).orElse(name);
        User u = UserFields.check(new User(userId, name, displayName, AdminJson.optional(b, "portrait"),
                AdminJson.optionalInt(b, "gender", 0), AdminJson.optional(b, "mobile"), AdminJson.optional(b, "email"),
                AdminJson.optional(b, "address"), AdminJson.optional(b, "company"), AdminJson.optional(b, "social"),
                AdminJson.optional(b, "extra"), type, false, 0, 0));
        return users.upsert(u).thenApply(s -> ordered("userId", s.userId(), "name", s.name()));
    }

    private CompletableFuture<Object> getInfo(JsonNode b) {
        String userId = AdminJson.optional(b, "userId");
        String name = FieldCheck.text("name", AdminJson.optional(b, "name"), UserFields.NAME);
        String mobile = FieldCheck.text("mobile", AdminJson.optional(b, "mobile"), UserFields.MOBILE);
        boolean includeDeleted = b.path("includeDeleted").asBoolean(false);
        CompletableFuture<Optional<User>> found;
        if (userId != null) {
            found = users.find(UserIds.check("userId", userId));
        } else if (name != null) {
            found = users.findByName(name);
        } else if (mobile != null) {
            found = users.findByMobile(mobile);
        } else {
            throw new StatusException(Status.INVALID_PARAMETER, "one of userId, name, mobile is required");
        }
        return found.thenApply(u -> u.filter(x -> includeDeleted || !x.deleted())
                .map(UserActions::json)
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST)));
    }

    private CompletableFuture<Object> getToken(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        String clientId = ClientIds.check("clientId", AdminJson.required(b, "clientId"));
        int platform = AdminJson.optionalInt(b, "platform", 0);
        return sessions.issueToken(userId, clientId, platform)
                .thenApply(token -> ordered("userId", userId, "token", token));
    }

    /** Sessions of a user with status 0 when connected to any node of the cluster, 1 otherwise. */
    private CompletableFuture<Object> onlineStatus(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        return onlineClients(userId).thenCombine(sessions.sessionsOf(userId), (onlineIds, list) -> {
            List<Map<String, Object>> out = list.stream().filter(s -> !s.deleted()).map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("clientId", s.clientId());
                m.put("userId", s.userId());
                m.put("platform", s.platform());
                m.put("status", onlineIds.contains(s.clientId()) ? 0 : 1);
                m.put("lastSeen", s.lastSeen());
                m.put("packageName", "");
                return m;
            }).toList();
            return Map.of("sessions", out);
        });
    }

    /**
     * {@code /admin/user/session_list}: the user's sessions (not kicked) with the reference's fields; Hearth keeps
     * no push tokens yet, so {@code pushType} is 0 and the device tokens are empty. 253 for an unknown user.
     */
    private CompletableFuture<Object> sessionList(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        return users.exists(userId).thenCompose(exists -> {
            if (!exists) {
                throw new StatusException(Status.NOT_EXIST, "user " + userId + " not exist");
            }
            return onlineClients(userId).thenCombine(sessions.sessionsOf(userId), (onlineIds, list) -> {
                List<Map<String, Object>> out = list.stream().filter(s -> !s.deleted()).map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("userId", s.userId());
                    m.put("clientId", s.clientId());
                    m.put("platform", s.platform());
                    m.put("pushType", 0);
                    m.put("deviceToken", "");
                    m.put("deviceVoipToken", "");
                    m.put("isOnline", onlineIds.contains(s.clientId()));
                    return m;
                }).toList();
                return Map.of("userSessions", out);
            });
        });
    }

    /** The client ids of a user connected to any node of the cluster. */
    private CompletableFuture<Set<String>> onlineClients(String userId) {
        return nodes.gather(ONLINE_CLIENTS, userId.getBytes(StandardCharsets.UTF_8),
                        request -> CompletableFuture.completedFuture(localClients(userId)), id -> id)
                .thenApply(answers -> {
                    Set<String> ids = new HashSet<>();
                    for (Map<String, Object> a : answers) {
                        if (a.get("clients") instanceof List<?> list) {
                            list.forEach(c -> ids.add(String.valueOf(c)));
                        }
                    }
                    return ids;
                });
    }

    private CompletableFuture<Object> kickoff(JsonNode b) {
        String userId = UserIds.check("first", AdminJson.required(b, "first"));
        String clientId = AdminJson.optional(b, "second");
        if (clientId != null) {
            ClientIds.check("second", clientId);
        }
        return sessions.kickoff(userId, clientId).thenApply(v -> null);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    public static Map<String, Object> json(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", u.userId());
        m.put("name", u.name());
        m.put("displayName", u.displayName());
        m.put("portrait", u.portrait());
        m.put("gender", u.gender());
        m.put("mobile", u.mobile());
        m.put("email", u.email());
        m.put("address", u.address());
        m.put("company", u.company());
        m.put("social", u.social());
        m.put("extra", u.extra());
        m.put("type", u.type());
        m.put("updateDt", u.updatedAt());
        if (u.deleted()) {
            m.put("deleted", 1);
        }
        m.values().removeIf(v -> v == null);
        return m;
    }
}
