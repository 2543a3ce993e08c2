/**
 * Groups (conversation type 1): the group model of the reference (info and members with their roles), its store
 * port, the service that changes groups with the reference's rules and writes a notification message (content types
 * 104–124) to the members' timelines after every change, and the conversation policy of group sends (members only,
 * mute-all, muted and allowed members, {@code to_users}).
 */
package io.hearth.server.group;
