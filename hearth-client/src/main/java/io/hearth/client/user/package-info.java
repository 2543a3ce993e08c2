/**
 * Users in the Java SDK: {@link io.hearth.client.user.Users} (from {@code HearthClient.users()}) reads profiles,
 * changes the caller's own and searches users, as typed calls of the {@code user.*} RPCs.
 */
package io.hearth.client.user;
