package io.hearth.server.session;

import java.util.List;
import java.util.Optional;

/** Storage port for client sessions. Implementations block (JDBC); call them from the blocking executor only. */
public interface SessionStore {

    Optional<ClientSession> find(String userId, String clientId);

    List<ClientSession> findByUser(String userId);

    /**
     * One write of {@link #saveIfUnchanged}: the session's new state, valid only while the stored session still has
     * generation {@code expectedGeneration}; {@link #ABSENT} means that no session (user, client id) exists yet.
     */
    record Write(ClientSession session, long expectedGeneration) {

        /** The expected generation of a session that is not stored yet (stored ones start at 1). */
        public static final long ABSENT = 0;
    }

    /**
     * Compare-and-set of several sessions in one transaction: every write is applied, or none when one session is
     * no longer (or already) stored with the expected generation, because another request or node changed it since
     * it was read. Returns whether the writes were applied; the caller reads again and retries. {@code lastSeen} is
     * left as stored (disconnects move it concurrently).
     */
    boolean saveIfUnchanged(List<Write> writes);

    void touch(String userId, String clientId, long lastSeen);
}
