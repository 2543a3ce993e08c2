package io.hearth.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.admin.AdminAction;
import io.hearth.server.admin.AdminJson;
import io.hearth.server.admin.ChannelActions;
import io.hearth.server.admin.PayloadJson;
import io.hearth.server.admin.SignedApi;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.MessageService;
import io.hearth.server.message.SendLimits;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.user.UserIds;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The channel API's paths (reference §5.2), called by a channel with its own secret ({@code cid}). The channel
 * sends as its owner to its subscribers (or the named {@code targets}: a non-subscriber only with state 0x08, else
 * 248); what it may see of users follows its state (0x01 full info, else id, name, display name and portrait; 0x02
 * non-subscribers, else 248); it may add subscribers only with 0x04 (else 248).
 */
public final class ChannelApiPaths {

    /** State bit 0x01: may see users' full info. */
    static final int FULL_INFO = 0x01;
    /** State bit 0x02: may see non-subscribers. */
    static final int SEE_NON_SUBSCRIBERS = 0x02;
    /** State bit 0x04: may add subscribers itself. */
    static final int ADD_SUBSCRIBERS = 0x04;

    private ChannelApiPaths() {
    }

    public static void register(SignedApi api, Function<String, AdminAction> admin, ChannelStore store,
                                MessageService messages, BlockingExecutor blocking, Clock clock) {
        AdminAction userInfo = admin.apply("/admin/user/get_info");
        api.action("/channel/message/send", (cid, b) -> channel(store, blocking, cid).thenCompose(c -> {
                    SendMessageRequest req = SendMessageRequest.newBuilder()
                            .setConversation(Conversation.newBuilder().setType(ConversationTypes.CHANNEL)
                                    .setTarget(cid).setLine(AdminJson.optionalInt(b, "line", 0)))
                            .setContent(PayloadJson.content(b.get("payload")))
                            .addAllToUsers(PayloadJson.strings(b, "targets", "targets")).build();
                    SendLimits.check(req, SendLimits.SERVER_API);
                    return messages.send(c.owner(), null, req).thenApply(r -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("messageUid", r.getMessageUid());
                        out.put("timestamp", r.getTimestamp());
                        return (Object) out;
                    });
                }))
                .action("/channel/get_profile", (cid, b) -> channel(store, blocking, cid)
                        .thenApply(ChannelActions::json))
                .action("/channel/update_profile", (cid, b) -> update(store, blocking, clock, cid, b))
                .action("/channel/user_info", (cid, b) -> channel(store, blocking, cid).thenCompose(c ->
                        userInfo.handle(b).thenCompose(u -> visible(store, blocking, c,
                                HttpResult.JSON.valueToTree(u)))))
                .action("/channel/subscribe", (cid, b) -> channel(store, blocking, cid).thenCompose(c -> {
                    String user = UserIds.check("target", AdminJson.required(b, "target"));
                    boolean on = AdminJson.optionalInt(b, "subscribe", 1) != 0;
                    if (on && (c.state() & ADD_SUBSCRIBERS) == 0) {
                        throw new StatusException(Status.NOT_RIGHT, "channel " + cid + " may not add subscribers"
                                + " (state 0x04)");
                    }
                    return blocking.supply(() -> {
                        store.subscribe(cid, user, on, clock.millis());
                        return null;
                    });
                }))
                .action("/channel/subscriber_list", (cid, b) -> blocking.supply(() -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("list", store.subscribers(cid));
                    return out;
                }))
                .action("/channel/is_subscriber", (cid, b) -> {
                    String user = UserIds.check("userId", AdminJson.required(b, "userId"));
                    return blocking.supply(() -> store.subscribed(cid, user));
                })
                .action("/channel/application/get_user_info", (cid, b) -> CompletableFuture.failedFuture(
                        new StatusException(Status.NOT_IMPLEMENT, "application auth codes are not supported yet")));
    }

    private static CompletableFuture<ChannelInfo> channel(ChannelStore store, BlockingExecutor blocking, String cid) {
        return blocking.supply(() -> store.find(cid).orElseThrow(() -> new StatusException(Status.CHANNEL_NOT_EXIST,
                "channel " + cid + " not exist")));
    }

    /** A user's info as the channel may see it. */
    private static CompletableFuture<Object> visible(ChannelStore store, BlockingExecutor blocking, ChannelInfo c,
                                                     JsonNode user) {
        String userId = user.path("userId").asText();
        return blocking.supply(() -> {
            if ((c.state() & SEE_NON_SUBSCRIBERS) == 0 && !store.subscribed(c.channelId(), userId)) {
                throw new StatusException(Status.NOT_RIGHT, "user " + userId + " is not a subscriber");
            }
            if ((c.state() & FULL_INFO) != 0 || !user.isObject()) {
                return user;
            }
            ObjectNode trimmed = ((ObjectNode) user).objectNode();
            for (String f : new String[] {"userId", "name", "displayName", "portrait"}) {
                if (user.has(f)) {
                    trimmed.set(f, user.get(f));
                }
            }
            return trimmed;
        });
    }

    /** {@code {type, value}}: 0 name, 1 portrait, 2 desc, 3 extra, 4 secret, 5 callback, 7 menus (JSON). */
    private static CompletableFuture<Object> update(ChannelStore store, BlockingExecutor blocking, Clock clock,
                                                    String cid, JsonNode b) {
        if (!b.hasNonNull("type")) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing type");
        }
        int type = AdminJson.optionalInt(b, "type", -1);
        String value = b.hasNonNull("value") ? b.get("value").asText() : "";
        return blocking.supply(() -> {
            ChannelInfo c = store.find(cid).orElseThrow(() -> new StatusException(Status.CHANNEL_NOT_EXIST,
                    "channel " + cid + " not exist"));
            ChannelInfo n = switch (type) {
                case 0 -> with(c, FieldCheck.text("value", value, 128), c.portrait(), c.desc(), c.extra(), c.secret(),
                        c.callback(), c.menus());
                case 1 -> with(c, c.name(), FieldCheck.text("value", value, 2048), c.desc(), c.extra(), c.secret(),
                        c.callback(), c.menus());
                case 2 -> with(c, c.name(), c.portrait(), FieldCheck.text("value", value, 4096), c.extra(),
                        c.secret(), c.callback(), c.menus());
                case 3 -> with(c, c.name(), c.portrait(), c.desc(), FieldCheck.text("value", value, 8192),
                        c.secret(), c.callback(), c.menus());
                case 4 -> with(c, c.name(), c.portrait(), c.desc(), c.extra(), FieldCheck.text("value", value, 128),
                        c.callback(), c.menus());
                case 5 -> with(c, c.name(), c.portrait(), c.desc(), c.extra(), c.secret(),
                        FieldCheck.text("value", value, 2048), c.menus());
                case 7 -> with(c, c.name(), c.portrait(), c.desc(), c.extra(), c.secret(), c.callback(),
                        FieldCheck.text("value", value, 8192));
                case 6 -> throw new StatusException(Status.NOT_IMPLEMENT, "onlyCallback (type 6) is not supported yet");
                default -> throw new StatusException(Status.INVALID_PARAMETER, "type must be 0..7, was " + type);
            };
            store.update(new ChannelInfo(n.channelId(), n.name(), n.portrait(), n.owner(), n.desc(), n.extra(),
                    n.callback(), n.secret(), n.automatic(), n.state(), n.menus(), n.createdAt(), clock.millis()));
            return null;
        });
    }

    private static ChannelInfo with(ChannelInfo c, String name, String portrait, String desc, String extra,
                                    String secret, String callback, String menus) {
        return new ChannelInfo(c.channelId(), name, portrait, c.owner(), desc, extra, callback, secret, c.automatic(),
                c.state(), menus, c.createdAt(), c.updatedAt());
    }
}
