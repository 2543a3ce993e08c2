package io.hearth.server.user;

/**
 * A user as the server API sees it ({@code InputOutputUserInfo} of the reference). Optional text fields are null
 * when unset. {@code type}: 0 normal, 1 robot, 2 device, 3 admin, 100 super admin.
 */
public record User(String userId, String name, String displayName, String portrait, int gender, String mobile,
                   String email, String address, String company, String social, String extra, int type,
                   boolean deleted, long createdAt, long updatedAt) {
}
