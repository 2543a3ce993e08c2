/**
 * Relations between users: friends, friend requests and the one-directional blacklist, synced to every device by
 * per-user versions, and the single-chat send checks that depend on them (blacklist, stranger chat). The service
 * is the one entry for client RPCs and the server API; rows live behind {@link io.hearth.server.relation.RelationStore}.
 */
package io.hearth.server.relation;
