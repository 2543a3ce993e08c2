package io.hearth.server.message;

/** A sender's client message id: the idempotency key of a send. */
public record ClientMessageKey(String sender, String clientMessageId) {

    static ClientMessageKey of(StoredMessage m) {
        return m.clientMessageId() == null ? null : new ClientMessageKey(m.sender(), m.clientMessageId());
    }
}
