package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@link GroupOp} of a client's group change: the caller as operator (never an admin), the request's
 * {@code to_lines} (at most {@link #MAX_LINES}, none negative, else 251) and its {@code notify_message}, which
 * counts only when its type is above 0 (as in the reference) and is refused with 248 when
 * {@code group.allow_client_custom_operation_notification} is false. Checked before anything is read; immutable,
 * called on event loops.
 */
final class ClientOps {

    /** Most lines one change notifies: each line is one more message to every member. */
    static final int MAX_LINES = 16;

    private final boolean customNotification;

    ClientOps(boolean customNotification) {
        this.customNotification = customNotification;
    }

    GroupOp of(String caller, List<Integer> toLines, boolean hasNotify, MessageContent notify) {
        FieldCheck.count("to_lines", toLines, MAX_LINES);
        for (int line : toLines) {
            if (line < 0) {
                throw FieldCheck.invalid("to_lines must not be negative");
            }
        }
        MessageContent own = hasNotify && notify.getType() > 0 ? notify : null;
        if (own != null && !customNotification) {
            throw new StatusException(Status.NOT_RIGHT, "clients may not send their own group notifications on"
                    + " this server (group.allow_client_custom_operation_notification)");
        }
        return new GroupOp(caller, List.copyOf(new LinkedHashSet<>(toLines)), own, false);
    }
}
