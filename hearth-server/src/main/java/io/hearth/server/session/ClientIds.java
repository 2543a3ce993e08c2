package io.hearth.server.session;

import io.hearth.server.common.FieldCheck;

/**
 * The rules of a client id (the MQTT client identifier a token is issued for), checked by {@code get_token}, the
 * route and CONNECT: 1 to 128 characters ({@code client_sessions.client_id VARCHAR(128)}), no control characters.
 * Stateless; called on any thread.
 */
public final class ClientIds {

    /** {@code client_sessions.client_id} and {@code messages.from_client}. */
    public static final int MAX_LENGTH = 128;

    private ClientIds() {
    }

    /** Returns {@code clientId} when it is a valid client id; 251 naming {@code field} otherwise. */
    public static String check(String field, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw FieldCheck.invalid("missing " + field);
        }
        return FieldCheck.printable(field, clientId, MAX_LENGTH);
    }
}
