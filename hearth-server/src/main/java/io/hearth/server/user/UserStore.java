package io.hearth.server.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Storage port for users. Implementations block (JDBC); call them from the blocking executor only. */
public interface UserStore {

    Optional<User> find(String userId);

    Optional<User> findByName(String name);

    Optional<User> findByMobile(String mobile);

    /** Which of these users exist and are not destroyed. */
    Set<String> existing(Collection<String> userIds);

    /** Creates the user or overwrites every field of an existing one. */
    void upsert(User user);

    /** Users with this email that are not destroyed, by user id. */
    List<User> findByEmail(String email);

    /** These users as stored, destroyed ones included, in no particular order; unknown ids are left out. */
    List<User> findAll(Collection<String> userIds);

    /** One page of the users that are not destroyed, by user id. */
    List<User> page(int offset, int count);

    List<User> search(UserSearch search);

    /**
     * Changes these fields of a user that is not destroyed; its update time becomes {@code now}, or one more than
     * the stored one when that is not earlier, so every change moves it forward. False when there is no such user.
     */
    boolean update(String userId, Map<ProfileField, Object> values, long now);

    /**
     * Destroys a user: every profile field cleared (the name becomes the user id, the display name
     * {@code displayName}), marked deleted, update time moved forward as by {@link #update}. False when there is
     * no such user or it was destroyed before.
     */
    boolean destroy(String userId, String displayName, long now);

    /** Ids of the users destroyed (or changed after being destroyed) at {@code since} or later. */
    List<String> destroyedSince(long since);
}
