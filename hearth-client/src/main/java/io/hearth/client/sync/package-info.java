/**
 * Sync by sequence and by version. Timeline: {@link io.hearth.client.sync.TimelineCursor} decides, from pushes, own
 * send results and pull replies, which entries to deliver and when to pull; {@link io.hearth.client.sync.TimelineSync}
 * runs the pull loop. Versioned kinds (friends, friend requests, settings): a {@link io.hearth.client.sync.VersionSync}
 * pulls what changed after the version it holds when a Notice, {@code session.info} or an own change's reply
 * announces a newer one; {@link io.hearth.client.sync.VersionSyncs} drives them from the session's events. All are
 * confined to the client's event loop.
 */
package io.hearth.client.sync;
