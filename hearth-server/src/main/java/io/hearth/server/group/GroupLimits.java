package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;

/** Lengths of group fields, checked before anything is stored (251 beyond them). */
public final class GroupLimits {

    public static final int ID = 64;
    public static final int NAME = 256;
    public static final int PORTRAIT = 1024;
    public static final int EXTRA = 8192;
    public static final int ALIAS = 256;
    public static final int MEMBERS_PER_CALL = 10_000;

    private GroupLimits() {
    }

    /** A group id: printable, at most {@link #ID} characters; 251 when missing. */
    public static String id(String field, String id) {
        if (id == null || id.isEmpty()) {
            throw new StatusException(Status.INVALID_PARAMETER, "missing " + field);
        }
        return FieldCheck.printable(field, id, ID);
    }

    /** The group's own max member count when set ({@code modify} type 8), else system setting 1's. */
    static int maxOf(int systemMax, GroupInfo info) {
        return info.maxMemberCount() > 0 ? info.maxMemberCount() : systemMax;
    }
}
