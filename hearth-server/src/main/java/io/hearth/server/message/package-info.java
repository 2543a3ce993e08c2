/**
 * Single-chat messaging: message uids, the validated send path, the single timeline writer that assigns seqs and
 * group-commits batches, pull with the roaming rules, and the {@link io.hearth.server.message.Delivery} port through
 * which new entries reach online sessions.
 */
package io.hearth.server.message;
