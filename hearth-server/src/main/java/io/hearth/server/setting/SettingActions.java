package io.hearth.server.setting;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.admin.AdminActions;
import io.hearth.server.admin.AdminApi;
import io.hearth.server.admin.AdminJson;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.user.UserIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Server API of settings, with the reference's paths and field names: {@code /admin/user/put_setting},
 * {@code /admin/user/get_setting}, {@code /admin/system/put_setting}, {@code /admin/system/get_setting}. Called on
 * the admin port's event loop.
 */
public final class SettingActions implements AdminActions {

    private final UserSettings settings;
    private final SystemSettings system;
    private final Function<String, CompletableFuture<Boolean>> userExists;

    public SettingActions(UserSettings settings, SystemSettings system,
                          Function<String, CompletableFuture<Boolean>> userExists) {
        this.settings = settings;
        this.system = system;
        this.userExists = userExists;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/user/put_setting", this::putUserSetting)
                .action("/admin/user/get_setting", this::getUserSetting)
                .action("/admin/system/put_setting", this::putSystemSetting)
                .action("/admin/system/get_setting", this::getSystemSetting);
    }

    private CompletableFuture<Object> putUserSetting(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        int scope = SettingScopes.check(requiredInt(b, "scope"));
        String key = text(b, "key");
        String value = text(b, "value");
        return existing(userId).thenCompose(v -> settings.put(userId, null, scope, key, value)).thenApply(s -> null);
    }

    private CompletableFuture<Object> getUserSetting(JsonNode b) {
        String userId = UserIds.check("userId", AdminJson.required(b, "userId"));
        int scope = SettingScopes.check(requiredInt(b, "scope"));
        String key = text(b, "key");
        return existing(userId).thenCompose(v -> settings.find(userId, scope, key)).thenApply(found -> {
            UserSetting s = found.orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                    "user " + userId + " has no setting " + scope + "/" + key));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("userId", userId);
            out.put("scope", s.scope());
            out.put("key", s.key());
            out.put("value", s.value());
            return out;
        });
    }

    private CompletableFuture<Object> putSystemSetting(JsonNode b) {
        int id = requiredInt(b, "id");
        JsonNode value = b.get("value");
        if (value == null || value.isNull()) {
            throw FieldCheck.invalid("missing value");
        }
        return system.put(new SystemSetting(id, value.asText(), text(b, "desc"))).thenApply(v -> null);
    }

    private CompletableFuture<Object> getSystemSetting(JsonNode b) {
        int id = requiredInt(b, "id");
        return system.get(id).thenApply(found -> {
            SystemSetting s = found.orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                    "no system setting " + id));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", s.id());
            out.put("value", s.value());
            out.put("desc", s.desc());
            return out;
        });
    }

    private CompletableFuture<Void> existing(String userId) {
        return userExists.apply(userId).thenAccept(exists -> {
            if (!exists) {
                throw new StatusException(Status.NOT_EXIST, "no user " + userId);
            }
        });
    }

    /** A number (or a string holding one) that fits an int; 251 when missing or not one. */
    private static int requiredInt(JsonNode b, String field) {
        long n = AdminJson.requiredLong(b, field);
        JsonNode raw = b.get(field);
        boolean number = raw.isIntegralNumber() || raw.isTextual();
        if (!number || n != (int) n) {
            throw FieldCheck.invalid(field + " must be a whole number");
        }
        return (int) n;
    }

    /** An optional text field: absent or null is the empty string. */
    private static String text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }
}
