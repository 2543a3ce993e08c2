package io.hearth.server.user;

/**
 * One search of users that are not destroyed: the keyword matched exactly against the fields switched on (name,
 * mobile, user id, display name), or, with {@code fuzzy}, display names containing it (case-insensitive); robots
 * only when {@code includeRobots}. Results by user id, {@code limit} from {@code offset}.
 */
public record UserSearch(String keyword, boolean fuzzy, boolean byName, boolean byMobile, boolean byUserId,
                         boolean byDisplayName, boolean includeRobots, int offset, int limit) {

    /** Whether any field is matched at all. */
    public boolean matchesAnything() {
        return byName || byMobile || byUserId || byDisplayName;
    }
}
