/**
 * Chatrooms (reference §2.8): rooms of online users whose messages (conversation type 2) are never stored in
 * timelines. The room's info and moderation (mute-all, managers, mutes and bans with expiry) are stored; membership
 * and each member's bounded message queue live in memory on the node that holds the member's connection.
 */
package io.hearth.server.chatroom;
