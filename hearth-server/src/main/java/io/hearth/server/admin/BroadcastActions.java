package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.broadcast.Broadcasts;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.SendLimits;
import io.hearth.server.user.UserIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API multicast and broadcast: {@code /admin/message/multicast}, {@code broadcast}, and their
 * {@code recall_*} and {@code delete_*}, with the reference's fields.
 */
public final class BroadcastActions implements AdminActions {

    private final Broadcasts broadcasts;
    private final int maxContentSize;

    public BroadcastActions(Broadcasts broadcasts, int maxContentSize) {
        this.broadcasts = broadcasts;
        this.maxContentSize = maxContentSize;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/message/multicast", this::multicast)
                .action("/admin/message/broadcast", this::broadcast)
                .action("/admin/message/recall_multicast", this::recallMulticast)
                .action("/admin/message/recall_broadcast", this::recallBroadcast)
                .action("/admin/message/delete_multicast", this::deleteMulticast)
                .action("/admin/message/delete_broadcast", this::deleteBroadcast);
    }

    private CompletableFuture<Object> multicast(JsonNode b) {
        String sender = UserIds.check("sender", AdminJson.required(b, "sender"));
        List<String> targets = PayloadJson.strings(b, "targets", "targets");
        for (String t : targets) {
            UserIds.check("targets", t);
        }
        int line = AdminJson.optionalInt(b, "line", 0);
        return broadcasts.multicast(sender, targets, line, content(b, sender, line)).thenApply(m -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messageUid", m.messageUid());
            out.put("timestamp", m.serverTime());
            return out;
        });
    }

    private CompletableFuture<Object> broadcast(JsonNode b) {
        String sender = UserIds.check("sender", AdminJson.required(b, "sender"));
        int line = AdminJson.optionalInt(b, "line", 0);
        return broadcasts.broadcast(sender, line, content(b, sender, line)).thenApply(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messageUid", s.messageUid());
            out.put("count", s.count());
            return out;
        });
    }

    private CompletableFuture<Object> recallMulticast(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        return broadcasts.recallMulticast(operator, AdminJson.messageUid(b, "messageUid"), receivers(b, true))
                .thenApply(m -> null);
    }

    private CompletableFuture<Object> recallBroadcast(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        return broadcasts.recallBroadcast(operator, AdminJson.messageUid(b, "messageUid")).thenApply(m -> null);
    }

    private CompletableFuture<Object> deleteMulticast(JsonNode b) {
        return broadcasts.deleteMulticast(AdminJson.messageUid(b, "messageUid"), receivers(b, false))
                .thenApply(m -> null);
    }

    private CompletableFuture<Object> deleteBroadcast(JsonNode b) {
        return broadcasts.deleteBroadcast(AdminJson.messageUid(b, "messageUid")).thenApply(m -> null);
    }

    private static List<String> receivers(JsonNode b, boolean required) {
        if (required && (b.get("receivers") == null || b.get("receivers").isNull())) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing receivers");
        }
        return PayloadJson.strings(b, "receivers", "receivers");
    }

    /** The payload, with the limits of a server API send. */
    private MessageContent content(JsonNode b, String sender, int line) {
        MessageContent content = PayloadJson.content(b.get("payload"));
        if (content.getSerializedSize() > maxContentSize) {
            throw new StatusException(Status.INVALID_MESSAGE, "content larger than " + maxContentSize + " bytes");
        }
        SendLimits.check(SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setTarget(sender)
                .setLine(line)).setContent(content).build(), SendLimits.SERVER_API);
        return content;
    }
}
