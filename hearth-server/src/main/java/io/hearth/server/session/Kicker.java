package io.hearth.server.session;

/** Closes the live connection of a session that was kicked. Implemented by the connection registry. */
public interface Kicker {

    /** Why a session is closed; decides the MQTT 5 DISCONNECT reason code. */
    enum Cause {
        /** Another login of the same platform class, or the same client id reconnecting (0x8E). */
        TAKEN_OVER,
        /** The server API kicked it (0x98 administrative action). */
        ADMIN,
        /**
         * The user was banned (0x87 not authorized: 0x8A Banned exists only in CONNACK, and a client may treat an
         * unknown DISCONNECT code as a malformed packet).
         */
        BANNED
    }

    void kick(String userId, String clientId, Cause cause);
}
