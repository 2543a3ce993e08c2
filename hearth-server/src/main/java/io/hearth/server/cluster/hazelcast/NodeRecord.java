package io.hearth.server.cluster.hazelcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.server.cluster.Advertised;
import io.hearth.server.cluster.NodeInfo;
import java.util.List;
import java.util.Optional;

/**
 * The replicated record of one node in the cluster's node map: its {@link NodeInfo} as JSON, so a node of the next
 * version that adds a field can still be read by this one (unknown fields are ignored).
 */
final class NodeRecord {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private NodeRecord() {
    }

    static String encode(NodeInfo node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode node record", e);
        }
    }

    /**
     * The node behind a record, or empty when it cannot be read (a node of an unknown version): such a node is left
     * out of the route rather than failing every request. The pipe format of version 0.1
     * ({@code host|longPort|shortPort|wsPort|wssPort|draining}) is still read, for rolling upgrades.
     */
    static Optional<NodeInfo> decode(int nodeId, String record) {
        if (!record.startsWith("{")) {
            return legacy(nodeId, record);
        }
        try {
            NodeInfo n = JSON.readValue(record, NodeInfo.class);
            if (n.advertised() == null) {
                return Optional.empty();
            }
            return Optional.of(n.nodeId() == nodeId ? n : new NodeInfo(nodeId, n.advertised(), n.bound(), n.draining()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<NodeInfo> legacy(int nodeId, String record) {
        String[] f = record.split("\\|", -1);
        if (f.length != 6) {
            return Optional.empty();
        }
        try {
            Advertised a = new Advertised(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), -1, f[0],
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), List.of());
            return Optional.of(new NodeInfo(nodeId, a, null, Boolean.parseBoolean(f[5])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
