package io.hearth.server.webhook;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.OutboxRow;
import io.hearth.server.message.CommitEvents;
import io.hearth.server.message.MessageStates;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.session.ClientPresence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code message.forward.url} and {@code message.mentionmsg.forward.url}: the rows of each new message, written by
 * the message writer in the message's own transaction. Forwarded: every type of {@code message.forward.types}
 * (empty = all) not in {@code message.forward.exclude_types}, without server API messages when
 * {@code message.no_forward_admin_message}; mentions (mentioned type 1 or 2) whatever their type. Called on the
 * writer thread; the platforms of this node's clients come from {@link ClientPresence} events.
 */
public final class MessageWebhooks implements CommitEvents {

    private final Outbox outbox;
    private final HearthConfig.Webhooks config;
    private final Map<String, Integer> platforms = new ConcurrentHashMap<>();

    public MessageWebhooks(Outbox outbox, HearthConfig.Webhooks config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Keeps the platform of the clients logged in on this node (for {@code message.forward_with_client_info}). */
    public void presence(ClientPresence p) {
        if (p.online()) {
            platforms.put(p.clientId(), p.platform());
        } else {
            platforms.remove(p.clientId(), p.platform());
        }
    }

    @Override
    public List<OutboxRow> rows(List<StoredMessage> written) {
        boolean forward = outbox.enabled(WebhookKind.MESSAGE_FORWARD);
        boolean mention = outbox.enabled(WebhookKind.MENTION_FORWARD);
        List<OutboxRow> rows = new ArrayList<>();
        for (StoredMessage m : written) {
            int type = m.content().getType();
            if (type == MessageStates.DELETE_CONTENT_TYPE || m.state() != MessageStates.SENT) {
                continue; // a user's tombstone of its own copies is no sent message
            }
            if (forward && forwarded(m, type)) {
                rows.add(outbox.row(WebhookKind.MESSAGE_FORWARD, body(m)));
            }
            if (mention && m.content().getMentionedType() != 0) {
                rows.add(outbox.row(WebhookKind.MENTION_FORWARD, body(m)));
            }
        }
        return rows;
    }

    private boolean forwarded(StoredMessage m, int type) {
        if (config.noForwardAdminMessage() && m.fromClient() == null) {
            return false;
        }
        return (config.forwardTypes().isEmpty() || config.forwardTypes().contains(type))
                && !config.forwardExcludeTypes().contains(type);
    }

    private Map<String, Object> body(StoredMessage m) {
        Integer platform = null;
        if (config.forwardWithClientInfo() && m.fromClient() != null) {
            platform = platforms.getOrDefault(m.fromClient(), 0);
        }
        return WebhookBodies.message(m, platform);
    }
}
