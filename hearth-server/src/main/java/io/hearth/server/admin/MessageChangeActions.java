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
 * recalled original), {@code /admin/message/update} and {@code /admin/message/delete} (everywhere). None is bound
 * by the client rules (time limit, ownership, types).
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
                .action("/admin/message/delete", this::delete);
    }

    private CompletableFuture<Object> recall(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        return changes.recall(operator, AdminJson.requiredLong(b, "messageUid"), false)
                .thenApply(ChangeContents::original);
    }

    private CompletableFuture<Object> update(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        long uid = AdminJson.requiredLong(b, "messageUid");
        if (b.get("payload") == null || b.get("payload").isNull()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing payload");
        }
        return changes.update(operator, uid, PayloadJson.content(b.get("payload")), distribute(b),
                        optionalLong(b, "updateTimestamp"), false)
                .thenApply(m -> null);
    }

    private CompletableFuture<Object> delete(JsonNode b) {
        return changes.deleteEverywhere(AdminJson.requiredLong(b, "messageUid")).thenApply(m -> null);
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
