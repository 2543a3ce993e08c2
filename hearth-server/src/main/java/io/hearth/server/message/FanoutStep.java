package io.hearth.server.message;

/**
 * One batch of a fan-out job ({@link TimelineWriter#extend}): it applies only if job {@code jobId}'s cursor is still
 * {@code fromCursor}, and moves it to {@code toCursor} with {@code count} more delivered and the lease renewed to
 * {@code leaseUntil}, in the transaction that writes the batch's entries.
 */
public record FanoutStep(long jobId, String fromCursor, String toCursor, int count, long leaseUntil, long now) {
}
