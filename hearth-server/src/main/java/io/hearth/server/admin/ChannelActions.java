package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.channel.ChannelInfo;
import io.hearth.server.channel.Channels;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.user.UserIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API channels: {@code /admin/channel/create}, {@code destroy}, {@code get} (and the documentation's
 * {@code get_info}), {@code subscribe} and {@code is_subscribed}, with the reference's fields.
 */
public final class ChannelActions implements AdminActions {

    private final Channels channels;

    public ChannelActions(Channels channels) {
        this.channels = channels;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/channel/create", this::create)
                .action("/admin/channel/destroy", b -> channels.destroy(id(b)).thenApply(v -> null))
                .action("/admin/channel/get", b -> channels.find(id(b)).thenApply(ChannelActions::json))
                .action("/admin/channel/get_info", b -> channels.find(id(b)).thenApply(ChannelActions::json))
                .action("/admin/channel/subscribe", this::subscribe)
                .action("/admin/channel/is_subscribed", b -> channels.subscribed(id(b),
                        UserIds.check("userId", AdminJson.required(b, "userId"))).thenApply(v -> Map.of("value", v)));
    }

    private CompletableFuture<Object> create(JsonNode b) {
        String owner = UserIds.check("owner", AdminJson.required(b, "owner"));
        String name = FieldCheck.text("name", AdminJson.required(b, "name"), 128);
        String id = AdminJson.optional(b, "targetId");
        if (id != null) {
            UserIds.check("targetId", id);
        }
        JsonNode menus = b.get("menus");
        ChannelInfo c = new ChannelInfo(id, name, FieldCheck.text("portrait", AdminJson.optional(b, "portrait"), 2048),
                owner, FieldCheck.text("desc", AdminJson.optional(b, "desc"), 4096),
                FieldCheck.text("extra", AdminJson.optional(b, "extra"), 8192),
                FieldCheck.text("callback", AdminJson.optional(b, "callback"), 2048),
                FieldCheck.text("secret", AdminJson.optional(b, "secret"), 128),
                AdminJson.optionalInt(b, "auto", 0), AdminJson.optionalInt(b, "state", 0),
                menus == null || menus.isNull() ? null : FieldCheck.text("menus", menus.toString(), 8192), 0, 0);
        return channels.create(c).thenApply(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("targetId", s.channelId());
            out.put("secret", s.secret());
            return out;
        });
    }

    /** {@code subscribe} 1/0, or the documentation's {@code state}. */
    private CompletableFuture<Object> subscribe(JsonNode b) {
        String user = UserIds.check("userId", AdminJson.required(b, "userId"));
        if (!b.hasNonNull("subscribe") && !b.hasNonNull("state")) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing subscribe");
        }
        int on = b.hasNonNull("subscribe") ? AdminJson.optionalInt(b, "subscribe", 1)
                : AdminJson.optionalInt(b, "state", 1);
        return channels.subscribe(id(b), user, on != 0).thenApply(v -> null);
    }

    private static String id(JsonNode b) {
        return UserIds.check("channelId", AdminJson.required(b, "channelId"));
    }

    /** The reference's {@code OutputGetChannelInfo}. */
    public static Map<String, Object> json(ChannelInfo c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channelId", c.channelId());
        out.put("name", c.name());
        out.put("desc", c.desc());
        out.put("portrait", c.portrait());
        out.put("extra", c.extra());
        out.put("owner", c.owner());
        out.put("state", c.state());
        out.put("status", c.state());
        out.put("updateDt", c.updatedAt());
        out.put("callback", c.callback());
        out.put("automatic", c.automatic());
        out.put("secret", c.secret());
        Object menus = List.of();
        if (c.menus() != null) {
            try {
                menus = HttpResult.JSON.readTree(c.menus());
            } catch (java.io.IOException e) {
                menus = List.of();
            }
        }
        out.put("menus", menus);
        return out;
    }
}
