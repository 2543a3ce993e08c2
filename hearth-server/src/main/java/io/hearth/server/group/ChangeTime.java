package io.hearth.server.group;

import java.time.Clock;

/**
 * The time a change of a locked group is stamped with: the clock's, but always after the group's last change. Clients
 * refresh by "changed after the time I hold" ({@code get_infos} by {@code update_dt}, {@code pull_members} since the
 * member update time), so a change stamped with the time of the one before would never reach a client that read in
 * between: two changes in one millisecond, or a change made on a node whose clock is behind the node of the last
 * one (or after the clock stepped back). Called inside {@link GroupStore#change}, on the blocking executor.
 */
final class ChangeTime {

    private ChangeTime() {
    }

    /** The clock's time, or one millisecond after the group's last change of its info or members if that is later. */
    static long of(Clock clock, GroupStore.Changes changes) {
        long last = changes.info().map(i -> Math.max(i.updatedAt(), i.memberUpdatedAt())).orElse(0L);
        return Math.max(clock.millis(), last + 1);
    }
}
