package io.hearth.server.webhook;

import io.hearth.server.admin.PayloadJson;
import io.hearth.server.message.StoredMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reference's webhook bodies (§4) that more than one producer builds; null fields are left out. */
final class WebhookBodies {

    private WebhookBodies() {
    }

    /**
     * {@code OutputMessageData}: {@code messageId, sender, conv, payload, toUsers?, timestamp, client?}; the client
     * ({@code platform, clientId}) only when {@code platform} is not null.
     */
    static Map<String, Object> message(StoredMessage m, Integer platform) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", m.messageUid());
        out.put("sender", m.sender());
        out.put("conv", PayloadJson.json(m.conversation()));
        out.put("payload", PayloadJson.json(m.content()));
        if (!m.toUsers().isEmpty()) {
            out.put("toUsers", m.toUsers());
        }
        out.put("timestamp", m.serverTime());
        if (platform != null && m.fromClient() != null) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("platform", platform);
            client.put("clientId", m.fromClient());
            out.put("client", client);
        }
        return out;
    }
}
