package io.hearth.server.user;

import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;

/**
 * The rules of a user id, checked by every entry point that accepts one (server API, route, message targets,
 * {@code to_users}, mentions): 1 to 64 characters ({@code users.user_id VARCHAR(64)}), no whitespace or control
 * characters, and none of {@code / + #} (a user id is a level of the MQTT topics {@code u/<userId>/...}) or
 * {@code ,} (lists of user ids are stored joined with commas). Stateless; called on any thread.
 */
public final class UserIds {

    /** {@code users.user_id}, {@code timeline.user_id}, {@code messages.sender} and {@code conv_target}. */
    public static final int MAX_LENGTH = 64;

    private static final String FORBIDDEN = "/+#,";

    private UserIds() {
    }

    /** Returns {@code userId} when it is a valid user id; 251 naming {@code field} otherwise. */
    public static String check(String field, String userId) {
        if (userId == null || userId.isEmpty()) {
            throw FieldCheck.invalid("missing " + field);
        }
        FieldCheck.printable(field, userId, MAX_LENGTH);
        for (int i = 0; i < userId.length(); i++) {
            char ch = userId.charAt(i);
            if (FORBIDDEN.indexOf(ch) >= 0 || Character.isWhitespace(ch) || Character.isSpaceChar(ch)) {
                throw invalid(field);
            }
        }
        return userId;
    }

    private static StatusException invalid(String field) {
        return FieldCheck.invalid(field + " must not contain whitespace, / + # or ,");
    }
}
