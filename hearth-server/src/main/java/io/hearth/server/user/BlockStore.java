package io.hearth.server.user;

import java.util.List;

/** Storage port for users' block status. Implementations block (JDBC); call them from blocking threads only. */
public interface BlockStore {

    /** A user's status: 0 normal, 1 muted, 2 banned. */
    record Blocked(String userId, int status, long updatedAt) {
    }

    /** The user's status; 0 when none was ever set. */
    int status(String userId);

    /** Sets the status (0 too, so pollers see the unblock) with the time of the change. */
    void set(String userId, int status, long now);

    /** Every user whose status is not 0, by user id. */
    List<Blocked> blocked();

    /** Every status row changed at {@code since} or later (0 rows too). */
    List<Blocked> changedSince(long since);
}
