package io.hearth.server.user;

import java.util.Collection;
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
}
