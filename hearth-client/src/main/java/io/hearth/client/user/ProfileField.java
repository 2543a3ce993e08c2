package io.hearth.client.user;

/**
 * The profile fields a user may change with {@link Users#modifyMyInfo}, with their wire numbers ({@code InfoEntry.type},
 * the reference's). The name is not among them: only the server API changes it.
 */
public enum ProfileField {
    DISPLAY_NAME(0),
    PORTRAIT(1),
    /** A number as text. */
    GENDER(2),
    MOBILE(3),
    EMAIL(4),
    ADDRESS(5),
    COMPANY(6),
    SOCIAL(7),
    EXTRA(8);

    private final int type;

    ProfileField(int type) {
        this.type = type;
    }

    /** The {@code InfoEntry.type} of this field. */
    public int type() {
        return type;
    }
}
