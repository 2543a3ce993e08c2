package io.hearth.server.cluster.hazelcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.server.cluster.NodeInfo;

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

    static NodeInfo decode(int nodeId, String record) {
        try {
            NodeInfo n = JSON.readValue(record, NodeInfo.class);
            return n.nodeId() == nodeId ? n : new NodeInfo(nodeId, n.advertised(), n.bound(), n.draining());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable record of node " + nodeId + ": " + e.getOriginalMessage(), e);
        }
    }
}
