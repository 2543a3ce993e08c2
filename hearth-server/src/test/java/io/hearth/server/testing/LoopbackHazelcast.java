package io.hearth.server.testing;

import com.hazelcast.config.Config;
import java.util.List;

/**
 * The Hazelcast config of an extra member a test adds to a cluster of real nodes (a lite member that inspects the
 * maps, a silent node that never answers): loopback only, a free port, TCP-IP join to the nodes, no multicast.
 */
public final class LoopbackHazelcast {

    private LoopbackHazelcast() {
    }

    /** {@code members}: the nodes' {@code cluster.members} value (host:port, comma-separated). */
    public static Config config(String clusterName, String instanceName, String members) {
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setInstanceName(instanceName);
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        var net = c.getNetworkConfig();
        net.setPort(Ports.free()).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        net.getJoin().getMulticastConfig().setEnabled(false);
        net.getJoin().getAutoDetectionConfig().setEnabled(false);
        net.getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of(members.split(",")));
        return c;
    }
}
