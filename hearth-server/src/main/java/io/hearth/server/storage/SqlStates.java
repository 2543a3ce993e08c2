package io.hearth.server.storage;

import java.sql.SQLException;

/**
 * The one place where SQL failures are classified: which SQLSTATEs (the same in H2 and PostgreSQL where both have
 * them) mean that another writer raced this one and the same work, tried again, can succeed. It lives beside
 * {@link StorageException} rather than in {@code storage.jdbc} so that callers of the storage ports (the message
 * writer) can ask without importing the JDBC package. Stateless.
 */
public final class SqlStates {

    /** What a failed statement means for its caller. */
    public enum Kind {
        /** 23505: another writer inserted the key first; a retry finds its row. */
        UNIQUE_VIOLATION(true),
        /** PostgreSQL 55P03 ({@code lock_timeout}), H2 HYT00: a row lock was held longer than the lock timeout. */
        LOCK_TIMEOUT(true),
        /** 40001 serialization failure, 40P01 deadlock detected: the database rolled this transaction back. */
        CONFLICT(true),
        /** Anything else (bad data, database down, a bug): retrying the same work does not help. */
        OTHER(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private SqlStates() {
    }

    /**
     * The kind of the first classified {@link SQLException} among {@code e}, its causes and (for batches) their
     * next exceptions; {@link Kind#OTHER} when there is none.
     */
    public static Kind of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException sql = t instanceof SQLException s ? s : null; sql != null; sql = sql.getNextException()) {
                Kind kind = sql.getSQLState() == null ? Kind.OTHER : of(sql.getSQLState());
                if (kind != Kind.OTHER) {
                    return kind;
                }
            }
        }
        return Kind.OTHER;
    }

    static Kind of(String sqlState) {
        return switch (sqlState) {
            case "23505" -> Kind.UNIQUE_VIOLATION;
            case "55P03", "HYT00" -> Kind.LOCK_TIMEOUT;
            case "40001", "40P01" -> Kind.CONFLICT;
            default -> Kind.OTHER;
        };
    }

    /** Whether the work that failed with {@code e} may succeed when tried again (a race, not a fault). */
    public static boolean retryable(Throwable e) {
        return of(e).retryable();
    }
}
