package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;

/**
 * The fields of a group's info that {@code /admin/group/modify} (types 0–10) and a transfer change, in the order
 * of the reference's modify types ({@link #OWNER} is set by a transfer only).
 */
public enum GroupField {
    NAME, PORTRAIT, EXTRA, MUTE, JOIN_TYPE, PRIVATE_CHAT, SEARCHABLE, HISTORY_MESSAGE, MAX_MEMBER_COUNT, SUPER_GROUP,
    TYPE, OWNER;

    /** The field of modify type {@code type}; 251 outside 0–10. */
    public static GroupField ofModifyType(int type) {
        if (type < 0 || type > TYPE.ordinal()) {
            throw new StatusException(Status.INVALID_PARAMETER, "modify type must be 0..10");
        }
        return values()[type];
    }

    /** Whether the field holds text (name, portrait, extra, owner); the others are numbers. */
    public boolean text() {
        return this == NAME || this == PORTRAIT || this == EXTRA || this == OWNER;
    }
}
