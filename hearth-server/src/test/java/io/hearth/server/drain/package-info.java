/**
 * Integration tests of draining a node (redirecting its clients, then stopping it) and of the cluster-wide
 * {@code /admin/health} and {@code /admin/user/online_count}, on two nodes in one JVM sharing one PostgreSQL.
 */
package io.hearth.server.drain;
