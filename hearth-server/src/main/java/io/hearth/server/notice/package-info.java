/**
 * Notices: the small "something changed, pull since your version" pushes with which friends, friend requests,
 * settings and profiles are kept in sync across a user's devices.
 */
package io.hearth.server.notice;
