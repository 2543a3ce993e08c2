package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.session.ClientSession;
import io.hearth.server.session.Kicker;
import io.hearth.server.session.SessionService;
import io.hearth.server.user.BlockStatus;
import io.hearth.server.user.BlockStatuses;
import io.hearth.server.user.UserDirectory;
import io.hearth.server.user.UserIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API block status: {@code /admin/user/update_block_status} ({@code status}, or {@code block} as the JS SDK
 * sends it; 0 normal, 1 muted, 2 banned), {@code check_block_status} and {@code get_blocked_list}. A ban closes the
 * user's connections on every node at once ({@code kicker}, cause {@code BANNED}); its sessions stay valid, so the
 * same tokens work again after an unban. Called on event loops.
 */
public final class BlockActions implements AdminActions {

    private final UserDirectory users;
    private final BlockStatuses blocks;
    private final SessionService sessions;
    private final Kicker kicker;

    public BlockActions(UserDirectory users, BlockStatuses blocks, SessionService sessions, Kicker kicker) {
        this.users = users;
        this.blocks = blocks;
        this.sessions = sessions;
        this.kicker = kicker;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/user/update_block_status", this::update)
                .action("/admin/user/check_block_status", this::check)
                .action("/admin/user/get_blocked_list", this::list);
    }

    private CompletableFuture<Object> update(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        String field = b.hasNonNull("status") ? "status" : "block";
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            throw FieldCheck.invalid("missing status");
        }
        int status = BlockStatus.check(field, n.isBoolean() ? (n.asBoolean() ? BlockStatus.BANNED : BlockStatus.NORMAL)
                : AdminJson.optionalInt(b, field, -1));
        return known(userId).thenCompose(v -> blocks.set(userId, status)).thenCompose(v -> status == BlockStatus.BANNED
                ? sessions.sessionsOf(userId).thenAccept(this::kick) : CompletableFuture.completedFuture(null))
                .thenApply(v -> null);
    }

    private void kick(List<ClientSession> list) {
        for (ClientSession s : list) {
            if (!s.deleted()) {
                kicker.kick(s.userId(), s.clientId(), Kicker.Cause.BANNED);
            }
        }
    }

    private CompletableFuture<Object> check(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        return known(userId).thenCompose(v -> blocks.read(userId)).thenApply(s -> Map.of("status", s));
    }

    private CompletableFuture<Object> list(JsonNode b) {
        return blocks.blocked().thenApply(rows -> Map.of("statusList", rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userId", r.userId());
            m.put("status", r.status());
            return m;
        }).toList()));
    }

    private CompletableFuture<Void> known(String userId) {
        return users.exists(userId).thenAccept(exists -> {
            if (!exists) {
                throw new StatusException(Status.NOT_EXIST, "user " + userId + " not exist");
            }
        });
    }
}
