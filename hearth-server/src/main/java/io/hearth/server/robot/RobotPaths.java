package io.hearth.server.robot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.admin.AdminAction;
import io.hearth.server.admin.AdminJson;
import io.hearth.server.admin.PayloadJson;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ChangeContents;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.MessageChanges;
import io.hearth.server.message.MessageService;
import io.hearth.server.message.SendLimits;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.user.ProfileField;
import io.hearth.server.user.Robot;
import io.hearth.server.user.RobotStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The robot API's paths (reference §5.1). Sends, replies, recalls and edits are the robot's own, under the rules a
 * client's are ({@link #ROBOT_CLIENT} is the client id they are recorded with); the profile, user and group paths
 * are the server API's actions with the robot as the user or operator.
 */
public final class RobotPaths {

    /** The client id of what a robot sends through the robot API. */
    public static final String ROBOT_CLIENT = "robot-api";

    private static final List<String> GROUP_PATHS = List.of("create", "del", "get_info", "transfer", "modify",
            "member/list", "member/get", "member/add", "member/del", "member/quit", "member/set_alias",
            "member/set_extra", "manager/set", "manager/mute", "manager/allow");

    private RobotPaths() {
    }

    public static void register(RobotApi api, Function<String, AdminAction> admin, MessageService messages,
                                MessageChanges changes, RobotStore robots, BlockingExecutor blocking) {
        api.action("/robot/message/send", (rid, b) -> send(messages, rid, PayloadJson.conversation(b.get("conv")),
                        b.get("payload"), PayloadJson.strings(b, "toUsers", "toUsers")))
                .action("/robot/message/reply", (rid, b) -> reply(messages, rid, b))
                .action("/robot/message/recall", (rid, b) -> changes.recall(rid,
                        AdminJson.messageUid(b, "messageUid"), true).thenApply(ChangeContents::original))
                .action("/robot/message/update", (rid, b) -> changes.update(rid, AdminJson.messageUid(b, "messageUid"),
                        PayloadJson.content(b.get("payload")), AdminJson.optionalInt(b, "distribute", 1) != 0,
                        b.hasNonNull("updateTimestamp") ? b.get("updateTimestamp").asLong() : 0, true)
                        .thenApply(m -> null))
                .delegate("/robot/user_info", admin, "/admin/user/get_info", null)
                .delegate("/robot/profile", admin, "/admin/user/get_robot_info", "robotId")
                .action("/robot/update_profile", (rid, b) -> updateProfile(admin, rid, b))
                .action("/robot/set_callback", (rid, b) -> callback(robots, blocking, rid,
                        AdminJson.required(b, "url")))
                .action("/robot/get_callback", (rid, b) -> blocking.supply(() -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("url", robots.find(rid).map(Robot::callback).orElse(null));
                    return out;
                }))
                .action("/robot/delete_callback", (rid, b) -> callback(robots, blocking, rid, null))
                .delegate("/robot/friend/list", admin, "/admin/friend/list", "userId")
                .delegate("/robot/user/batch_get_infos", admin, "/admin/user/batch_get_infos", null)
                .delegate("/robot/user/get_info_by_email", admin, "/admin/user/get_info_by_email", null)
                .delegate("/robot/user/get_user_robots", admin, "/admin/user/get_user_robots", null)
                .action("/robot/application/get_user_info", (rid, b) -> CompletableFuture.failedFuture(
                        new StatusException(Status.NOT_IMPLEMENT, "application auth codes are not supported yet")));
        for (String p : GROUP_PATHS) {
            api.delegate("/robot/group/" + p, admin, "/admin/group/" + p, "operator");
        }
    }

    private static CompletableFuture<Object> send(MessageService messages, String rid, Conversation conv,
                                                  JsonNode payload, List<String> toUsers) {
        SendMessageRequest req = SendMessageRequest.newBuilder().setConversation(conv)
                .setContent(PayloadJson.content(payload)).addAllToUsers(toUsers).build();
        SendLimits.check(req, SendLimits.SERVER_API);
        return messages.send(rid, ROBOT_CLIENT, req).thenApply(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messageUid", r.getMessageUid());
            out.put("timestamp", r.getTimestamp());
            return out;
        });
    }

    /**
     * Answers a message the robot received: a single chat's reply goes to its sender, a group's to the group (to
     * its sender alone with {@code only2Sender}).
     */
    private static CompletableFuture<Object> reply(MessageService messages, String rid, JsonNode b) {
        long uid = AdminJson.messageUid(b, "messageUid");
        JsonNode payload = b.get("payload");
        boolean onlySender = b.hasNonNull("only2Sender") && (b.get("only2Sender").asBoolean()
                || b.get("only2Sender").asInt() == 1);
        return messages.find(uid).thenCompose(found -> {
            StoredMessage m = found.orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                    "message " + uid + " not exist"));
            Conversation conv = m.conversation();
            if (conv.getType() == ConversationTypes.SINGLE) {
                String peer = m.sender().equals(rid) ? conv.getTarget() : m.sender();
                if (!m.sender().equals(rid) && !conv.getTarget().equals(rid)) {
                    throw new StatusException(Status.NOT_RIGHT, "message " + uid + " is not the robot's");
                }
                return send(messages, rid, conv.toBuilder().setTarget(peer).build(), payload, List.of());
            }
            return send(messages, rid, conv, payload, onlySender ? List.of(m.sender()) : List.of());
        });
    }

    /** Both body shapes: {@code {intValue, strValue}} (the Java SDK) and {@code {first, second}} (JavaScript). */
    private static CompletableFuture<Object> updateProfile(Function<String, AdminAction> admin, String rid,
                                                           JsonNode b) {
        JsonNode type = b.hasNonNull("intValue") ? b.get("intValue") : b.get("first");
        JsonNode value = b.hasNonNull("intValue") ? b.get("strValue") : b.get("second");
        if (type == null || !type.canConvertToInt()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing intValue (or first): the profile field");
        }
        ProfileField field = ProfileField.ofMmiType(type.asInt());
        var info = HttpResult.JSON.createObjectNode().put("userId", rid)
                .put(field.json(), value == null || value.isNull() ? "" : value.asText());
        var body = HttpResult.JSON.createObjectNode().put("flag", field.flag());
        body.set("userInfo", info);
        return admin.apply("/admin/user/update").handle(body);
    }

    private static CompletableFuture<Object> callback(RobotStore robots, BlockingExecutor blocking, String rid,
                                                      String url) {
        if (url != null && url.length() > Robot.CALLBACK) {
            throw new StatusException(Status.INVALID_PARAMETER, "url longer than " + Robot.CALLBACK);
        }
        return blocking.supply(() -> {
            Robot r = robots.find(rid).orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                    "robot " + rid + " not exist"));
            robots.upsert(new Robot(r.userId(), r.owner(), r.secret(), url, r.robotExtra()));
            return null;
        });
    }
}
