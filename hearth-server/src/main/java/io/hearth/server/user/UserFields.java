package io.hearth.server.user;

import io.hearth.server.common.FieldCheck;

/**
 * The length limits of a user's text fields, equal to their {@code users} columns (V1__init.sql), and the check of
 * a {@link User} against them with the server API's field names. Stateless; called on any thread.
 */
public final class UserFields {

    public static final int NAME = 128;
    public static final int DISPLAY_NAME = 256;
    public static final int PORTRAIT = 2048;
    public static final int MOBILE = 64;
    public static final int EMAIL = 256;
    public static final int ADDRESS = 1024;
    public static final int COMPANY = 256;
    public static final int SOCIAL = 4096;
    public static final int EXTRA = 8192;

    private UserFields() {
    }

    /** Returns {@code u} when every field fits its column; 251 naming the first field that does not. */
    public static User check(User u) {
        UserIds.check("userId", u.userId());
        FieldCheck.text("name", u.name(), NAME);
        FieldCheck.text("displayName", u.displayName(), DISPLAY_NAME);
        FieldCheck.text("portrait", u.portrait(), PORTRAIT);
        FieldCheck.text("mobile", u.mobile(), MOBILE);
        FieldCheck.text("email", u.email(), EMAIL);
        FieldCheck.text("address", u.address(), ADDRESS);
        FieldCheck.text("company", u.company(), COMPANY);
        FieldCheck.text("social", u.social(), SOCIAL);
        FieldCheck.text("extra", u.extra(), EXTRA);
        return u;
    }
}
