/**
 * Users: the record, its storage port, the directory that the server API and the hot path use, and the rules of
 * user ids and user fields that every entry point checks.
 */
package io.hearth.server.user;
