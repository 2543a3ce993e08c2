/**
 * Users: the record, its storage ports, the directory that the server API and the hot path use, the rules of user
 * ids and user fields that every entry point checks; profiles after creation (field changes, destroy, the client
 * RPCs and what clients may see of others), robots, and the mute and ban every node keeps in memory and refreshes
 * from the store every second.
 */
package io.hearth.server.user;
