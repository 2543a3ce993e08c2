package io.hearth.server.session;

/**
 * The session a token was issued for: one per (user, client id). {@code generation} is baked into every token;
 * kicking the session marks it deleted and bumps the generation, so earlier tokens stop working.
 */
public record ClientSession(String userId, String clientId, int platform, long generation, boolean deleted,
                            long createdAt, long updatedAt, long lastSeen) {

    public ClientSession kicked(long now) {
        return new ClientSession(userId, clientId, platform, generation + 1, true, createdAt, now, lastSeen);
    }
}
