/**
 * The Hazelcast implementation of membership, presence, node-to-node messages and node-to-node calls. The only
 * package that may import Hazelcast types, so the cluster layer can be replaced.
 */
package io.hearth.server.cluster.hazelcast;
