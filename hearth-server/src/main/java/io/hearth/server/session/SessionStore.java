package io.hearth.server.session;

import java.util.List;
import java.util.Optional;

/** Storage port for client sessions. Implementations block (JDBC); call them from the blocking executor only. */
public interface SessionStore {

    Optional<ClientSession> find(String userId, String clientId);

    List<ClientSession> findByUser(String userId);

    /** Inserts or replaces each session, in one transaction. */
    void saveAll(List<ClientSession> sessions);

    void touch(String userId, String clientId, long lastSeen);
}
