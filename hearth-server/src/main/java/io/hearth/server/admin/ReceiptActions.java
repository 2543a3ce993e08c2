package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.pb.Conversation;
import io.hearth.server.conversation.Receipts;
import io.hearth.server.user.UserIds;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API receipts: {@code /admin/message/conv_read} (a user's read time of a conversation) and
 * {@code /admin/message/delivery} (a user's delivered time), each answering {@code {timestamp}}.
 */
public final class ReceiptActions implements AdminActions {

    private final Receipts receipts;

    public ReceiptActions(Receipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/message/conv_read", this::convRead)
                .action("/admin/message/delivery", this::delivery);
    }

    /** {@code {userId, conversationType, target, line}}; the reference's documentation calls the type {@code type}. */
    private CompletableFuture<Object> convRead(JsonNode b) {
        String user = UserIds.check("userId", AdminJson.required(b, "userId"));
        int type = b.hasNonNull("conversationType") ? AdminJson.optionalInt(b, "conversationType", 0)
                : AdminJson.optionalInt(b, "type", 0);
        Conversation conv = Conversation.newBuilder().setType(type).setTarget(AdminJson.required(b, "target"))
                .setLine(AdminJson.optionalInt(b, "line", 0)).build();
        return receipts.readTime(user, conv).thenApply(t -> Map.of("timestamp", t));
    }

    private CompletableFuture<Object> delivery(JsonNode b) {
        String user = UserIds.check("userId", AdminJson.required(b, "userId"));
        return receipts.deliveredTime(user).thenApply(t -> Map.of("timestamp", t));
    }
}
