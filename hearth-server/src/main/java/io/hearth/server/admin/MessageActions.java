package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.MessageService;
import io.hearth.server.message.MessageStates;
import io.hearth.server.message.SendLimits;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.user.UserIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Server API message actions: {@code /admin/message/send} and {@code /admin/message/get_one}. */
public final class MessageActions implements AdminActions {

    private final MessageService messages;

    public MessageActions(MessageService messages) {
        this.messages = messages;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/message/send", this::send)
                .action("/admin/message/get_one", this::getOne);
    }

    private CompletableFuture<Object> send(JsonNode b) {
        String sender = UserIds.check("sender", AdminJson.required(b, "sender"));
        SendMessageRequest req = SendMessageRequest.newBuilder()
                .setConversation(PayloadJson.conversation(b.get("conv")))
                .setContent(PayloadJson.content(b.get("payload")))
                .addAllToUsers(PayloadJson.strings(b, "toUsers", "toUsers"))
                .build();
        SendLimits.check(req, SendLimits.SERVER_API);
        return messages.send(sender, null, req).thenApply(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messageUid", r.getMessageUid());
            out.put("timestamp", r.getTimestamp());
            return out;
        });
    }

    private CompletableFuture<Object> getOne(JsonNode b) {
        long uid = AdminJson.messageUid(b, "messageUid");
        // a message deleted everywhere is gone for the server API too (its row is the tombstone)
        return messages.find(uid).thenApply(m -> json(m.filter(found -> found.state() != MessageStates.DELETED)
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST))));
    }

    /** The reference's {@code OutputMessageData}. */
    static Map<String, Object> json(StoredMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", m.messageUid());
        out.put("sender", m.sender());
        out.put("conv", PayloadJson.json(m.conversation()));
        out.put("payload", PayloadJson.json(m.content()));
        if (!m.toUsers().isEmpty()) {
            out.put("toUsers", m.toUsers());
        }
        out.put("timestamp", m.serverTime());
        if (m.fromClient() != null) {
            out.put("client", m.fromClient());
        }
        return out;
    }
}
