package io.hearth.server.setting;

import io.hearth.server.common.FieldCheck;

/**
 * The scopes a user setting may have: the reference's 1..28 (conversation silent, global silent, top, ..., add friend
 * without verification) and the application's own from {@value #FIRST_CUSTOM} up. Anything else is 251.
 */
public final class SettingScopes {

    /** The reference's last built-in scope (28, add friend without verification). */
    public static final int LAST_BUILT_IN = 28;
    /** Scopes an application defines for itself start here. */
    public static final int FIRST_CUSTOM = 1000;

    private SettingScopes() {
    }

    public static boolean valid(int scope) {
        return scope >= 1 && scope <= LAST_BUILT_IN || scope >= FIRST_CUSTOM;
    }

    /** The scope, or 251 naming the valid ranges. */
    public static int check(int scope) {
        if (!valid(scope)) {
            throw FieldCheck.invalid("scope " + scope + " is neither a built-in scope (1.." + LAST_BUILT_IN
                    + ") nor a custom one (" + FIRST_CUSTOM + " and up)");
        }
        return scope;
    }
}
