package io.hearth.server.broadcast;

/**
 * One broadcast in progress or done: message {@code messageUid} of {@code sender} goes to every other user's
 * timeline, in user id order; {@code cursor} is the last user id that has it ("" before the first batch),
 * {@code delivered} how many have. {@code total} is the number of users when it started (progress, not a bound: users
 * created meanwhile with a later id get it too). {@code kind} says what the entry carries ({@link #BROADCAST},
 * {@link #RECALL}, {@link #DELETE}). A node works on it while it holds the lease ({@code ownerNode} until
 * {@code leaseUntil}).
 */
public record FanoutJob(long jobId, long messageUid, int kind, String sender, String cursor, long total,
                        long delivered, boolean done, int ownerNode, long leaseUntil, long createdAt) {

    /** A new message to everyone. */
    public static final int BROADCAST = 0;
    /** A broadcast message's recall, to everyone. */
    public static final int RECALL = 1;
    /** A broadcast message's deletion, to everyone. */
    public static final int DELETE = 2;

    /** This job after a batch of {@code count} users up to {@code last}. */
    public FanoutJob advanced(String last, int count, long lease) {
        return new FanoutJob(jobId, messageUid, kind, sender, last, total, delivered + count, done, ownerNode, lease,
                createdAt);
    }

    public String kindName() {
        return switch (kind) {
            case RECALL -> "recall";
            case DELETE -> "delete";
            default -> "broadcast";
        };
    }
}
