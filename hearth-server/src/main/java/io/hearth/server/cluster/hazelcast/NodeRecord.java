package io.hearth.server.cluster.hazelcast;

import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.route.Advertised;

/** The replicated record of one node: {@code host|longPort|shortPort|wsPort|wssPort|draining}. */
final class NodeRecord {

    private NodeRecord() {
    }

    static String encode(Advertised a, boolean draining) {
        return String.join("|", a.host(), Integer.toString(a.longPort()), Integer.toString(a.shortPort()),
                Integer.toString(a.wsPort()), Integer.toString(a.wssPort()), Boolean.toString(draining));
    }

    static NodeInfo decode(int nodeId, String record) {
        String[] f = record.split("\\|", -1);
        Advertised a = new Advertised(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Integer.parseInt(f[4]));
        return new NodeInfo(nodeId, a, Boolean.parseBoolean(f[5]));
    }
}
