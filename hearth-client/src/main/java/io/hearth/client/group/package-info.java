/**
 * Groups in the Java SDK: {@link io.hearth.client.group.Groups} (from {@code HearthClient.groups()}) creates groups,
 * changes their members, roles and info as the calling member, and reads the user's groups, group infos by update
 * time and member lists since a member update time.
 */
package io.hearth.client.group;
