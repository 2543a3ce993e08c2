package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.ChangeContents;
import io.hearth.server.message.MessageChanges;
import io.hearth.server.user.UserIds;
import java.util.concurrent.CompletableFuture;

/**
 * Server API message lifecycle actions: {@code /admin/message/recall} (answers the reference's JSON string of the
 * recalled original), {@code /admin/message/update}, {@code /admin/message/delete} (everywhere), and one user's
 * copies: {@code /admin/message/clear_by_user} and {@code /admin/conversation/delete}. None is bound by the client
 * rules (time limit, ownership, types).
 */
public final class MessageChangeActions implements AdminActions {

    private final MessageChanges changes;

    public MessageChangeActions(MessageChanges changes) {
        this.changes = changes;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/message/recall", this::recall)
                .action("/admin/message/update", this::update)
                .action("/admin/message/delete", this::delete)
                .action("/admin/message/clear_by_user", this::clear)
                .action("/admin/conversation/delete", this::deleteConversation);
    }

    private CompletableFuture<Object> recall(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        return changes.recall(operator, AdminJson.messageUid(b, "messageUid"), false)
                .thenApply(ChangeContents::original);
    }

    private CompletableFuture<Object> update(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        long uid = AdminJson.messageUid(b, "messageUid");
        if (b.get("payload") == null || b.get("payload").isNull()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing payload");
        }
        return changes.update(operator, uid, PayloadJson.content(b.get("payload")), distribute(b),
                        optionalLong(b, "updateTimestamp"), false)
                .thenApply(m -> null);
    }

    private CompletableFuture<Object> delete(JsonNode b) {
        return changes.deleteEverywhere(AdminJson.messageUid(b, "messageUid")).thenApply(m -> null);
    }

    /** Both body shapes: {@code startTime}/{@code endTime} (the Java SDK), {@code fromTime}/{@code toTime} (JS). */
    private CompletableFuture<Object> clear(JsonNode b) {
        String user = UserIds.check("userId", AdminJson.required(b, "userId"));
        long from = b.hasNonNull("startTime") ? optionalLong(b, "startTime") : optionalLong(b, "fromTime");
        long to = b.hasNonNull("endTime") ? optionalLong(b, "endTime") : optionalLong(b, "toTime");
        return changes.clear(user, conversation(b), from, to <= 0 ? Long.MAX_VALUE : to).thenApply(m -> null);
    }

    /**
     * Deletes a conversation for one user: every one of its messages in the user's timeline, as a clear of its
     * whole time range.
     */
    private CompletableFuture<Object> deleteConversation(JsonNode b) {
        String user = UserIds.check("userId", AdminJson.required(b, "userId"));
        return changes.clear(user, conversation(b), 0, Long.MAX_VALUE).thenApply(m -> null);
    }

    private static io.hearth.protocol.pb.Conversation conversation(JsonNode b) {
        JsonNode conv = b.hasNonNull("conversation") ? b.get("conversation") : b.get("conv");
        if (conv == null || conv.isNull()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing conversation");
        }
        return PayloadJson.conversation(conv);
    }

    /** {@code distribute}: the reference sends 0/1; a JSON boolean is taken too; absent means 1. */
    private static boolean distribute(JsonNode b) {
        JsonNode n = b.get("distribute");
        if (n == null || n.isNull()) {
            return true;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        int v = AdminJson.optionalInt(b, "distribute", 1);
        if (v != 0 && v != 1) {
            throw new StatusException(Status.INVALID_PARAMETER, "distribute must be 0 or 1");
        }
        return v == 1;
    }

    private static long optionalLong(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? 0 : AdminJson.requiredLong(b, field);
    }
}
