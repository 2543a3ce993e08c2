package io.hearth.server.group;

import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.FieldCheck;

/**
 * The values of {@code /admin/group/modify}: always a string on the wire ("0"/"1" for flags), parsed and checked
 * per field (251 otherwise), and the default notification of each field's change: 110 name, 112 portrait, 113
 * mute, 114 join type, 115 private chat, 116 searchable, 124 for the other settings; none for extra (type 2), as in
 * the reference.
 */
final class ModifyValues {

    private ModifyValues() {
    }

    /** The value to store: a string for text fields, an Integer or (super group) a Boolean for the others. */
    static Object parse(GroupField field, String value) {
        if (value == null) {
            throw FieldCheck.invalid("missing value");
        }
        return switch (field) {
            case NAME -> FieldCheck.text("value", value, GroupLimits.NAME);
            case PORTRAIT -> FieldCheck.text("value", value, GroupLimits.PORTRAIT);
            case EXTRA -> FieldCheck.text("value", value, GroupLimits.EXTRA);
            case MUTE, PRIVATE_CHAT, SEARCHABLE, HISTORY_MESSAGE -> number(field, value, 0, 1);
            case SUPER_GROUP -> number(field, value, 0, 1) == 1;
            case JOIN_TYPE -> number(field, value, 0, 2);
            case TYPE -> number(field, value, 0, 3);
            case MAX_MEMBER_COUNT -> number(field, value, 0, Integer.MAX_VALUE);
            case OWNER -> throw FieldCheck.invalid("the owner changes by transfer");
        };
    }

    /** The default notification of a change of {@code field}, or null for none. */
    static MessageContent notice(GroupField field, String groupId, String operator, String value) {
        int type = switch (field) {
            case NAME -> GroupNotices.NAME;
            case PORTRAIT -> GroupNotices.PORTRAIT;
            case EXTRA, OWNER -> 0;
            case MUTE -> GroupNotices.MUTE;
            case JOIN_TYPE -> GroupNotices.JOIN_TYPE;
            case PRIVATE_CHAT -> GroupNotices.PRIVATE_CHAT;
            case SEARCHABLE -> GroupNotices.SEARCHABLE;
            case HISTORY_MESSAGE, MAX_MEMBER_COUNT, SUPER_GROUP, TYPE -> GroupNotices.SETTINGS;
        };
        if (type == 0) {
            return null;
        }
        return GroupNotices.content(type, groupId, operator, field == GroupField.PORTRAIT ? null : value, null, null);
    }

    private static int number(GroupField field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw FieldCheck.invalid("value of " + field.name().toLowerCase() + " must be a number in " + min + ".." + max);
    }
}
