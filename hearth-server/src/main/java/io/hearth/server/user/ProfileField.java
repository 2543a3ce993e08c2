package io.hearth.server.user;

import io.hearth.server.common.FieldCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile fields a user or the server API may change, with the reference's numbers for each: {@code mmiType}
 * is the type of a client's modify-my-info entry (and of {@code user.hide_properties}), {@code flag} the bit of
 * {@code /admin/user/update}'s mask, {@code json} the server API's field name, {@code column} the {@code users}
 * column. The name has no client type: only the server API renames a user. Stateless; any thread.
 */
public enum ProfileField {
    DISPLAY_NAME(0, 0x01, "displayName", "display_name", UserFields.DISPLAY_NAME),
    PORTRAIT(1, 0x02, "portrait", "portrait", UserFields.PORTRAIT),
    GENDER(2, 0x04, "gender", "gender", 0),
    MOBILE(3, 0x08, "mobile", "mobile", UserFields.MOBILE),
    EMAIL(4, 0x10, "email", "email", UserFields.EMAIL),
    ADDRESS(5, 0x20, "address", "address", UserFields.ADDRESS),
    COMPANY(6, 0x40, "company", "company", UserFields.COMPANY),
    SOCIAL(7, 0x80, "social", "social", UserFields.SOCIAL),
    EXTRA(8, 0x100, "extra", "extra", UserFields.EXTRA),
    NAME(-1, 0x200, "name", "name", UserFields.NAME);

    /** Every bit of the update mask. */
    public static final int ALL_FLAGS = 0x3FF;

    private final int mmiType;
    private final int flag;
    private final String json;
    private final String column;
    private final int maxLength;

    ProfileField(int mmiType, int flag, String json, String column, int maxLength) {
        this.mmiType = mmiType;
        this.flag = flag;
        this.json = json;
        this.column = column;
        this.maxLength = maxLength;
    }

    /** The type of a modify-my-info entry and the number in {@code user.hide_properties}; -1 for the name. */
    public int mmiType() {
        return mmiType;
    }

    public int flag() {
        return flag;
    }

    public String json() {
        return json;
    }

    /** The {@code users} column; one of a fixed set, safe to write into SQL. */
    public String column() {
        return column;
    }

    /** The field of a client's modify-my-info entry type; 251 for a type clients may not change. */
    public static ProfileField ofMmiType(int type) {
        for (ProfileField f : values()) {
            if (f.mmiType == type && f.mmiType >= 0) {
                return f;
            }
        }
        throw FieldCheck.invalid("type " + type + " is not a profile field (0 display name .. 8 extra)");
    }

    /** The fields selected by an update mask; 251 for an empty mask or unknown bits. */
    public static List<ProfileField> ofFlags(int flags) {
        if (flags == 0 || (flags & ~ALL_FLAGS) != 0) {
            throw FieldCheck.invalid("flag must select fields with bits 0x01 (displayName) to 0x200 (name), was "
                    + flags);
        }
        List<ProfileField> out = new ArrayList<>();
        for (ProfileField f : values()) {
            if ((flags & f.flag) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The stored value of {@code raw} for this field: the gender as an Integer, text checked against its column
     * (an empty text clears the field, except the name, which is required); 251 naming {@code field} otherwise.
     */
    public Object value(String field, String raw) {
        if (this == GENDER) {
            try {
                return raw == null || raw.isEmpty() ? 0 : Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw FieldCheck.invalid(field + " must be a number");
            }
        }
        if (this == NAME && (raw == null || raw.isEmpty())) {
            throw FieldCheck.invalid("missing " + field);
        }
        String text = raw == null || raw.isEmpty() ? null : raw;
        return FieldCheck.text(field, text, maxLength);
    }
}
