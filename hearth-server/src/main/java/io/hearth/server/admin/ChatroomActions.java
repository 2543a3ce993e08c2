package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.chatroom.BlackStatus;
import io.hearth.server.chatroom.ChatroomDirectory;
import io.hearth.server.chatroom.ChatroomModeration;
import io.hearth.server.chatroom.RoomInfo;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.user.UserIds;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API chatrooms, with the reference's paths and fields: {@code /admin/chatroom/create} (an upsert; a
 * missing {@code chatroomId} gets a random one), {@code del}, {@code info}, {@code members}, {@code user_chatroom},
 * and the moderation: {@code set_black_status} ({@code status}, or {@code state}; the JS SDK's extra {@code type} is
 * ignored), {@code get_black_status}, {@code set_manager}, {@code get_manager_list}, {@code mute_all}
 * ({@code status}, or {@code mute} as the JS SDK sends it). Called on event loops.
 */
public final class ChatroomActions implements AdminActions {

    private final ChatroomDirectory directory;
    private final ChatroomModeration moderation;
    private final Clock clock;
    private final RandomIds ids = new RandomIds();

    public ChatroomActions(ChatroomDirectory directory, ChatroomModeration moderation, Clock clock) {
        this.directory = directory;
        this.moderation = moderation;
        this.clock = clock;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/chatroom/create", this::create)
                .action("/admin/chatroom/del", b -> moderation.destroy(id(b)).thenApply(v -> null))
                .action("/admin/chatroom/info", this::info)
                .action("/admin/chatroom/members", b -> directory.members(id(b))
                        .thenApply(list -> Map.of("list", list)))
                .action("/admin/chatroom/user_chatroom", this::userChatroom)
                .action("/admin/chatroom/set_black_status", this::setBlack)
                .action("/admin/chatroom/get_black_status", b -> moderation.blacks(id(b)).thenApply(list ->
                        Map.of("infos", list.stream().map(s -> Map.of("userId", s.userId(), "state", s.state(),
                                "expiredTime", s.expiredTime())).toList())))
                .action("/admin/chatroom/set_manager", b -> moderation.setManager(id(b), user(b),
                        flag(b, "status", "status") == 1).thenApply(v -> null))
                .action("/admin/chatroom/get_manager_list", b -> moderation.managers(id(b))
                        .thenApply(list -> Map.of("list", list)))
                .action("/admin/chatroom/mute_all", b -> moderation.muteAll(id(b), flag(b, "status", "mute") == 1)
                        .thenApply(v -> null));
    }

    private CompletableFuture<Object> create(JsonNode b) {
        String given = AdminJson.optional(b, "chatroomId");
        String id = given == null ? ids.userId() : UserIds.check("chatroomId", given);
        String title = FieldCheck.text("title", AdminJson.required(b, "title"), 256);
        int state = AdminJson.optionalInt(b, "state", 0);
        if (state < 0 || state > 2) {
            throw FieldCheck.invalid("state must be 0 (normal), 1 (not started) or 2 (ended)");
        }
        long now = clock.millis();
        RoomInfo info = new RoomInfo(id, title, text(b, "desc", 1024), text(b, "portrait", 1024),
                text(b, "extra", 4096), state, false, now, now);
        return moderation.create(info).thenApply(v -> Map.of("chatroomId", id));
    }

    private CompletableFuture<Object> info(JsonNode b) {
        return directory.info(id(b)).thenApply(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chatroomId", i.getChatroomId());
            m.put("title", i.getTitle());
            m.put("desc", i.getDesc());
            m.put("portrait", i.getPortrait());
            m.put("extra", i.getExtra());
            m.put("state", i.getState());
            m.put("memberCount", i.getMemberCount());
            m.put("createDt", i.getCreateDt());
            m.put("updateDt", i.getUpdateDt());
            return m;
        });
    }

    private CompletableFuture<Object> userChatroom(JsonNode b) {
        String userId = user(b);
        return directory.userChatroom(userId).thenApply(found -> {
            var u = found.orElseThrow(() -> new StatusException(Status.NOT_IN_CHATROOM,
                    userId + " is not in a chatroom"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userId", u.userId());
            m.put("chatroomId", u.chatroomId());
            m.put("clientId", u.clientId());
            m.put("platform", u.platform());
            return m;
        });
    }

    private CompletableFuture<Object> setBlack(JsonNode b) {
        String roomId = id(b);
        String userId = user(b);
        int state = flag(b, "status", "state");
        if (state > BlackStatus.BANNED) {
            throw FieldCheck.invalid("status must be 0 (none), 1 (muted) or 2 (banned)");
        }
        JsonNode exp = b.get("expiredTime");
        long expired = exp == null || exp.isNull() ? 0 : AdminJson.requiredLong(b, "expiredTime");
        if (expired < 0) {
            throw FieldCheck.invalid("expiredTime must not be negative");
        }
        return moderation.setBlack(roomId, new BlackStatus(userId, state, expired)).thenApply(v -> null);
    }

    private static String id(JsonNode b) {
        return UserIds.check("chatroomId", AdminJson.required(b, "chatroomId"));
    }

    private static String user(JsonNode b) {
        return UserIds.check("userId", AdminJson.required(b, "userId"));
    }

    /** A required 0/1/2 field, under {@code field} or its alias; 251 when missing or negative. */
    private static int flag(JsonNode b, String field, String alias) {
        String f = b.hasNonNull(field) ? field : alias;
        JsonNode n = b.get(f);
        if (n == null || n.isNull()) {
            throw FieldCheck.invalid("missing " + field);
        }
        int v = n.isBoolean() ? (n.asBoolean() ? 1 : 0) : AdminJson.optionalInt(b, f, -1);
        if (v < 0) {
            throw FieldCheck.invalid(f + " must not be negative");
        }
        return v;
    }

    private static String text(JsonNode b, String field, int max) {
        String v = AdminJson.optional(b, field);
        return v == null ? "" : FieldCheck.text(field, v, max);
    }
}
