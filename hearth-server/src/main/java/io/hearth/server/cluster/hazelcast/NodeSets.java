package io.hearth.server.cluster.hazelcast;

import com.hazelcast.map.EntryProcessor;
import java.util.Arrays;
import java.util.Map;

/** Entry processors that add or remove one node id in a presence entry, atomically on the partition owner. */
final class NodeSets {

    private NodeSets() {
    }

    /** Adds a node id to the user's set. */
    static final class Add implements EntryProcessor<String, int[], Void> {
        private static final long serialVersionUID = 1L;
        private final int nodeId;

        Add(int nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public Void process(Map.Entry<String, int[]> entry) {
            int[] ids = entry.getValue();
            if (ids == null) {
                entry.setValue(new int[] {nodeId});
            } else if (Arrays.stream(ids).noneMatch(i -> i == nodeId)) {
                int[] more = Arrays.copyOf(ids, ids.length + 1);
                more[ids.length] = nodeId;
                entry.setValue(more);
            }
            return null;
        }
    }

    /** Removes a node id from the user's set; removes the entry when no node is left. */
    static final class Remove implements EntryProcessor<String, int[], Void> {
        private static final long serialVersionUID = 1L;
        private final int nodeId;

        Remove(int nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public Void process(Map.Entry<String, int[]> entry) {
            int[] ids = entry.getValue();
            if (ids == null) {
                return null;
            }
            int[] rest = Arrays.stream(ids).filter(i -> i != nodeId).toArray();
            if (rest.length == 0) {
                entry.setValue(null);
            } else if (rest.length != ids.length) {
                entry.setValue(rest);
            }
            return null;
        }
    }
}
