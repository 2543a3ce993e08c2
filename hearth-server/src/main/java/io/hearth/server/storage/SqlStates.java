package io.hearth.server.storage;

import java.sql.SQLException;

/**
 * The one place where SQL failures are classified: which SQLSTATEs (the same in H2 and PostgreSQL where both have
 * them) mean that another writer raced this one and the same work, tried again, can succeed, and which mean that
 * the database refused the data itself. It lives beside
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
        /**
         * Class 22 (data exception: a value too long for its column …) or 23 other than 23505 (a violated
         * constraint): the database refused the data itself; the same data fails again.
         */
        REJECTED_DATA(false),
        /** Anything else (database down, a bug): retrying the same work at once does not help. */
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
            default -> sqlState.startsWith("22") || sqlState.startsWith("23") ? Kind.REJECTED_DATA : Kind.OTHER;
        };
    }

    /** Whether the work that failed with {@code e} may succeed when tried again (a race, not a fault). */
    public static boolean retryable(Throwable e) {
        return of(e).retryable();
    }

    /** The SQL state and the start of the database's message, for a log line: the statement's values stay out. */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String m = String.valueOf(sql.getMessage());
                int cut = m.indexOf("ERROR:");
                String text = cut >= 0 ? m.substring(cut) : m;
                return "SQL state " + sql.getSQLState() + ": " + (text.length() > 160 ? text.substring(0, 160) + "…" : text);
            }
        }
        return e.toString();
    }
}
