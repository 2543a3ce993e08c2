package io.hearth.server.relation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where friends, friend requests and versions are kept. Reads are single statements; every change runs in
 * {@link #change}, one transaction that first locks the version rows of the users it touches, so that two changes
 * of one user (on any node) run one after the other and versions never repeat. Blocking; call on the blocking
 * executor.
 */
public interface RelationStore {

    /**
     * Runs {@code work} in one transaction with the version rows of {@code users} locked (created when missing);
     * committed when it returns, rolled back when it throws (its exception is rethrown as it is).
     */
    <T> T change(String operation, Collection<String> users, Function<Changes, T> work);

    Versions versions(String userId);

    Optional<Friend> friend(String userId, String friendUid);

    /** The user's rows with a version above {@code sinceVersion}, in version order. */
    List<Friend> friendsSince(String userId, long sinceVersion);

    /** Requests from or to the user whose version for the user is above {@code sinceVersion}. */
    List<FriendRequest> requestsSince(String userId, long sinceVersion);

    /** The writes of one {@link #change}; valid only inside it. */
    interface Changes {

        Optional<Friend> friend(String userId, String friendUid);

        Optional<FriendRequest> request(String fromUid, String toUid);

        /** Whether a request to {@code toUid} with a version up to {@code upToVersion} is unread. */
        boolean hasUnread(String toUid, long upToVersion);

        /**
         * Marks every unread request to {@code toUid} with a version up to {@code upToVersion} read, at the
         * receiver's version {@code newVersion}, in one statement; returns how many it marked.
         */
        int markRead(String toUid, long upToVersion, long newVersion);

        /** Moves the user's friend version forward by one; returns the new version. */
        long bumpFriend(String userId);

        /** Moves the user's friend-request version forward by one; returns the new version. */
        long bumpRequest(String userId);

        Versions versions(String userId);

        /** Inserts or overwrites the row of (userId, friendUid). */
        void put(Friend friend);

        /** Inserts or overwrites the request of (fromUid, toUid). */
        void put(FriendRequest request);
    }
}
