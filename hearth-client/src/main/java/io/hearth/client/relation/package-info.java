/**
 * Relations in the Java SDK: {@link io.hearth.client.relation.Friends} (from {@code HearthClient.friends()}) sends
 * and handles friend requests, edits the friend list and the blacklist, and keeps friends and friend requests in
 * step by version.
 */
package io.hearth.client.relation;
