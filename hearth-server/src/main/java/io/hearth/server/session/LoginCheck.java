package io.hearth.server.session;

/**
 * Whether a user may get a token, pass the route or log in at all, beyond its credentials: a banned user may not.
 * Throws the refusal ({@code StatusException}, 245 for a ban). Called on the blocking executor; may read the store.
 */
@FunctionalInterface
public interface LoginCheck {

    /** Lets every user in. */
    LoginCheck NONE = userId -> { };

    void check(String userId);
}
