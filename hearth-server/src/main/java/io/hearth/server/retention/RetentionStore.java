package io.hearth.server.retention;

/**
 * Storage port of the purge. Implementations block (JDBC); the job calls them on its own thread.
 */
public interface RetentionStore {

    /** Which timelines a purge goes through: the users' own, or the shared ones of super groups. */
    enum Timelines { USERS, SHARED }

    /**
     * One transaction: goes through the timelines with ids after {@code afterId} (in the database's order, at most
     * {@code maxTimelines}) and deletes each one's oldest entries with a server time before {@code cutoff}, stopping
     * at its first newer entry, so what a timeline keeps is always one run of seqs up to its head; at most
     * {@code maxRows} entries in all. Then deletes the messages of the deleted entries that were sent before
     * {@code cutoff} (an entry's server time is its message's, also for the entry of a later change). Deleting what is already gone deletes nothing, so several nodes may purge at
     * once.
     */
    Purge purge(Timelines timelines, String afterId, long cutoff, int maxRows, int maxTimelines);

    /**
     * What one {@link #purge} did: {@code cursor} is the id after which the next one goes on (a timeline with more
     * to delete is gone through again), {@code finished} when no timeline after it is left.
     */
    record Purge(int entries, int messages, String cursor, boolean finished) {
    }
}
