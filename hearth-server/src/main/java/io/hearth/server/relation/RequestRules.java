package io.hearth.server.relation;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import java.util.Optional;

/**
 * The time rules of friend requests ({@code friend.repeat_request_duration}, {@code reject_request_duration},
 * {@code request_expiration_duration}), as pure functions of the stored request and the time. Any thread.
 */
final class RequestRules {

    private RequestRules() {
    }

    /**
     * A new request from the sender of {@code previous} to its receiver: refused with 16 while the previous one
     * (pending or rejected) is younger than the repeat window, then with 18 while a rejection is younger than the
     * reject window. An accepted previous request never refuses (the two were friends and one deleted the other).
     */
    static void checkNew(Optional<FriendRequest> previous, long now, HearthConfig.Relations rules) {
        if (previous.isEmpty() || previous.get().status() == FriendRequest.ACCEPTED) {
            return;
        }
        FriendRequest r = previous.get();
        long age = now - r.updatedAt();
        if (rules.repeatRequestMillis() > 0 && age < rules.repeatRequestMillis()) {
            throw new StatusException(Status.FRIEND_ALREADY_REQUEST, "a request from " + r.fromUid() + " to "
                    + r.toUid() + " was sent " + age + " ms ago; again after friend.repeat_request_duration ("
                    + rules.repeatRequestMillis() + " ms)");
        }
        if (r.status() == FriendRequest.REJECTED && rules.rejectRequestMillis() > 0
                && age < rules.rejectRequestMillis()) {
            throw new StatusException(Status.FRIEND_REQUEST_BLOCKED, r.toUid() + " rejected the request of "
                    + r.fromUid() + " " + age + " ms ago; again after friend.reject_request_duration ("
                    + rules.rejectRequestMillis() + " ms)");
        }
    }

    /** Handling a pending request: 19 once it is older than the expiration window. */
    static void checkHandle(FriendRequest pending, long now, HearthConfig.Relations rules) {
        long age = now - pending.updatedAt();
        if (rules.requestExpirationMillis() > 0 && age > rules.requestExpirationMillis()) {
            throw new StatusException(Status.FRIEND_REQUEST_EXPIRED, "the request from " + pending.fromUid()
                    + " was sent " + age + " ms ago, longer than friend.request_expiration_duration ("
                    + rules.requestExpirationMillis() + " ms)");
        }
    }
}
