package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.session.SessionService;
import io.hearth.server.user.ProfileField;
import io.hearth.server.user.User;
import io.hearth.server.user.UserFields;
import io.hearth.server.user.UserIds;
import io.hearth.server.user.UserProfiles;
import io.hearth.server.user.UserSearch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API profile actions: {@code /admin/user/update} (the reference's flag mask), {@code destroy},
 * {@code get_info_by_email} (a bare JSON string body, or {@code {email}}), {@code all}, {@code batch_get_infos}
 * ({@code {list}} or a bare array) and {@code search_user}, with the reference's field names. Called on event loops.
 */
public final class UserProfileActions implements AdminActions {

    /** Most users one call lists or asks for. */
    static final int MAX_COUNT = 1000;
    static final int SEARCH_PAGE = 20;

    private final UserProfiles profiles;
    private final SessionService sessions;

    public UserProfileActions(UserProfiles profiles, SessionService sessions) {
        this.profiles = profiles;
        this.sessions = sessions;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/user/update", this::update)
                .action("/admin/user/destroy", this::destroy)
                .action("/admin/user/get_info_by_email", this::byEmail)
                .action("/admin/user/all", this::all)
                .action("/admin/user/batch_get_infos", this::batch)
                .action("/admin/user/search_user", this::search);
    }

    private CompletableFuture<Object> update(JsonNode b) {
        if (!b.hasNonNull("flag")) {
            throw FieldCheck.invalid("missing flag");
        }
        int flag = AdminJson.optionalInt(b, "flag", 0);
        JsonNode info = b.get("userInfo");
        if (info == null || !info.isObject()) {
            throw FieldCheck.invalid("missing userInfo");
        }
        String userId = UserIds.check("userInfo.userId", AdminJson.optional(info, "userId"));
        Map<ProfileField, Object> values = new EnumMap<>(ProfileField.class);
        for (ProfileField f : ProfileField.ofFlags(flag)) {
            JsonNode v = info.get(f.json());
            values.put(f, f.value("userInfo." + f.json(), v == null || v.isNull() ? null : v.asText()));
        }
        return profiles.update(userId, values, null).thenApply(u -> null);
    }

    /** Clears the user's profile, marks it destroyed and kicks its sessions. 253 for an unknown user. */
    private CompletableFuture<Object> destroy(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        return profiles.destroy(userId).thenCompose(u -> sessions.kickoff(userId, null)).thenApply(v -> null);
    }

    private CompletableFuture<Object> byEmail(JsonNode b) {
        String email = b.isTextual() ? b.asText() : AdminJson.optional(b, "email");
        if (email == null || email.isEmpty()) {
            throw FieldCheck.invalid("missing email (the body is the address as a JSON string)");
        }
        FieldCheck.text("email", email, UserFields.EMAIL);
        return profiles.findByEmail(email).thenApply(list -> Map.of("userInfos", json(list)));
    }

    private CompletableFuture<Object> all(JsonNode b) {
        int count = count(b);
        int offset = offset(b);
        return profiles.page(offset, count).thenApply(list -> Map.of("userInfoList", json(list)));
    }

    /** The users that exist and are not destroyed, in the order asked; unknown ids are left out. */
    private CompletableFuture<Object> batch(JsonNode b) {
        JsonNode list = b.isArray() ? b : b.get("list");
        if (list == null || !list.isArray()) {
            throw FieldCheck.invalid("missing list (the user ids, or the body as a JSON array)");
        }
        if (list.size() > MAX_COUNT) {
            throw FieldCheck.invalid("list has more than " + MAX_COUNT + " entries");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : list) {
            ids.add(UserIds.check("list entry", n.isTextual() ? n.asText() : null));
        }
        return profiles.findAll(ids).thenApply(found -> {
            Map<String, User> byId = new HashMap<>();
            found.stream().filter(u -> !u.deleted()).forEach(u -> byId.put(u.userId(), u));
            List<User> ordered = ids.stream().distinct().filter(byId::containsKey).map(byId::get).toList();
            return Map.of("userInfos", json(ordered));
        });
    }

    /**
     * {@code {keyword, searchType, page}}; searchType 0 (default) matches names, mobiles and user ids exactly and
     * display names containing the keyword; 1 names or mobiles, 2 names, 3 mobiles, 4 user ids, all exactly.
     * Robots are included; the {@code friend.disable_*search} keys apply to clients only.
     */
    private CompletableFuture<Object> search(JsonNode b) {
        String keyword = FieldCheck.text("keyword", AdminJson.required(b, "keyword"), UserFields.NAME);
        int type = AdminJson.optionalInt(b, "searchType", 0);
        int page = AdminJson.optionalInt(b, "page", 0);
        if (page < 0 || page > MAX_COUNT) {
            throw FieldCheck.invalid("page must be between 0 and " + MAX_COUNT);
        }
        int offset = page * SEARCH_PAGE;
        UserSearch s = switch (type) {
            case 0 -> new UserSearch(keyword, true, true, true, true, true, true, offset, SEARCH_PAGE);
            case 1 -> new UserSearch(keyword, false, true, true, false, false, true, offset, SEARCH_PAGE);
            case 2 -> new UserSearch(keyword, false, true, false, false, false, true, offset, SEARCH_PAGE);
            case 3 -> new UserSearch(keyword, false, false, true, false, false, true, offset, SEARCH_PAGE);
            case 4 -> new UserSearch(keyword, false, false, false, true, false, true, offset, SEARCH_PAGE);
            default -> throw FieldCheck.invalid("searchType must be 0 (general), 1 (name or mobile), 2 (name),"
                    + " 3 (mobile) or 4 (user id)");
        };
        return profiles.search(s).thenApply(list -> Map.of("userInfos", json(list)));
    }

    /** {@code count} of a page: 1 to {@value #MAX_COUNT}, 100 when absent. */
    static int count(JsonNode b) {
        int count = AdminJson.optionalInt(b, "count", 100);
        if (count < 1 || count > MAX_COUNT) {
            throw FieldCheck.invalid("count must be between 1 and " + MAX_COUNT);
        }
        return count;
    }

    static int offset(JsonNode b) {
        int offset = AdminJson.optionalInt(b, "offset", 0);
        if (offset < 0) {
            throw FieldCheck.invalid("offset must not be negative");
        }
        return offset;
    }

    private static List<Map<String, Object>> json(List<User> users) {
        return users.stream().map(UserActions::json).toList();
    }
}
