package io.hearth.server.notice;

import io.hearth.protocol.pb.Notice;
import java.util.List;

/**
 * Tells a user's sessions, wherever in the cluster they are connected, that something of theirs changed (a
 * {@code Notice} push on {@code u/<userId>/push/notice}): the client pulls what changed since its version. A session
 * that misses one (offline, or on a node that could not be reached) learns the versions from {@code session.info}.
 * Implementations must not block; any thread.
 */
public interface Notifier {

    /** Pushes each notice to the sessions of its user except the one it skips. */
    void notify(List<UserNotice> notices);

    /** A notice for the sessions of one user, and the client id of the session that made the change, or null. */
    record UserNotice(String userId, Notice notice, String skipClientId) {
    }

    /** A notice of {@code kind} at {@code version} for every session of the user but {@code skipClientId}. */
    static UserNotice of(String userId, String kind, long version, String target, String skipClientId) {
        return new UserNotice(userId, Notice.newBuilder().setKind(kind).setVersion(version)
                .setTarget(target == null ? "" : target).build(), skipClientId);
    }
}
