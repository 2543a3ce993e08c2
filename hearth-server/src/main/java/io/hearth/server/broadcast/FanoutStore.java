package io.hearth.server.broadcast;

import java.util.List;

/** The fan-out jobs and what they read (a batch's entries and cursor move go through the message writer). */
public interface FanoutStore {

    void create(FanoutJob job);

    /** The jobs not done yet, oldest first. */
    List<FanoutJob> open();

    /**
     * Takes {@code jobId} for {@code node} until {@code leaseUntil} when it is not done and its lease is the node's
     * own or ran out at {@code now}; the job as taken, or null when another node holds it.
     */
    FanoutJob claim(long jobId, int node, long now, long leaseUntil);

    /** Marks the job done if its cursor is still {@code cursor} (the last batch's). */
    boolean finish(long jobId, String cursor, long now);

    /** Up to {@code limit} live user ids after {@code after} in id order, without {@code except}. */
    List<String> usersAfter(String after, String except, int limit);

    /** Whether message {@code messageUid} was broadcast (has a job of kind {@link FanoutJob#BROADCAST}). */
    boolean broadcastExists(long messageUid);

    /** The number of live users. */
    long countUsers();
}
