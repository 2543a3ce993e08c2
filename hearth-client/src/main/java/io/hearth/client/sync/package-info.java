/**
 * Timeline sync: {@link io.hearth.client.sync.TimelineCursor} decides, from pushes, own send results and pull
 * replies, which entries to deliver and when to pull; {@link io.hearth.client.sync.TimelineSync} runs the pull loop.
 * Both are confined to the client's event loop.
 */
package io.hearth.client.sync;
