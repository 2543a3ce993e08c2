package io.hearth.server.user;

import java.util.Optional;

/** Storage port for users. Implementations block (JDBC); call them from the blocking executor only. */
public interface UserStore {

    Optional<User> find(String userId);

    Optional<User> findByName(String name);

    Optional<User> findByMobile(String mobile);

    /** Creates the user or overwrites every field of an existing one. */
    void upsert(User user);
}
