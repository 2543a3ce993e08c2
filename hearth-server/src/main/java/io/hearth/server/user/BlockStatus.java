package io.hearth.server.user;

import io.hearth.server.common.FieldCheck;

/** The reference's block status numbers of {@code /admin/user/update_block_status}. Stateless. */
public final class BlockStatus {

    public static final int NORMAL = 0;
    /** Cannot send messages (client sends are refused with 245). */
    public static final int MUTED = 1;
    /** Kicked, and refused at get_token, route and CONNECT with 245. */
    public static final int BANNED = 2;

    private BlockStatus() {
    }

    /** Returns {@code status} when it is 0, 1 or 2; 251 naming {@code field} otherwise. */
    public static int check(String field, int status) {
        if (status < NORMAL || status > BANNED) {
            throw FieldCheck.invalid(field + " must be 0 (normal), 1 (muted) or 2 (banned), was " + status);
        }
        return status;
    }

    public static String name(int status) {
        return switch (status) {
            case MUTED -> "muted";
            case BANNED -> "banned";
            default -> "normal";
        };
    }
}
