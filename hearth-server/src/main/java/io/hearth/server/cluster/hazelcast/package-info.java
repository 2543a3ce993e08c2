/**
 * The Hazelcast implementation of membership, presence and node-to-node messages. The only package that may
 * import Hazelcast types, so the cluster layer can be replaced.
 */
package io.hearth.server.cluster.hazelcast;
