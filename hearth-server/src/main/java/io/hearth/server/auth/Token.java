package io.hearth.server.auth;

/** What a client token says: who, on which client and platform, for which session generation, until when. */
public record Token(String userId, String clientId, int platform, long generation, long issuedAt, long expiresAt) {

    /** True when the token has an expiry and it has passed. */
    public boolean expired(long now) {
        return expiresAt > 0 && now >= expiresAt;
    }
}
