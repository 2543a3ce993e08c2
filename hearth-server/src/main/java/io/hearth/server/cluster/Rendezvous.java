package io.hearth.server.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rendezvous (highest random weight) hashing of user ids over nodes: every node computes the same home for a user
 * from the same member list, and when a node joins or leaves only the users whose top choice changed move (about
 * 1/N of them). Stateless.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** The home node of a user among the live, non-draining nodes; empty when there is none. */
    public static Optional<NodeInfo> home(String userId, List<NodeInfo> nodes) {
        long userHash = fnv1a(userId);
        return nodes.stream().filter(n -> !n.draining())
                .max(Comparator.comparingLong((NodeInfo n) -> weight(userHash, n.nodeId()))
                        .thenComparingInt(NodeInfo::nodeId));
    }

    static long weight(long userHash, int nodeId) {
        return mix(userHash ^ (0x9E3779B97F4A7C15L * (nodeId + 1)));
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The splitmix64 finaliser: spreads every input bit over the whole output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
