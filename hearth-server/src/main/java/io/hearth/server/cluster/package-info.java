/**
 * Cluster: membership and node information (each node's advertised addresses and their JSON form), the presence
 * directory (user to nodes with sessions), node-to-node delivery of pushes and kicks, request/response calls between
 * nodes for admin operations, the drain of a node, and rendezvous hashing for the route.
 * {@link io.hearth.server.cluster.SingleNode} is the one-node cluster; every Hazelcast type stays in
 * {@code cluster.hazelcast}.
 */
package io.hearth.server.cluster;
