package io.hearth.server.config;

import java.util.List;
import java.util.Map;

/**
 * The validated, immutable configuration of one node, loaded once by {@link ConfigLoader} and passed by
 * constructor. Ports are -1 when disabled, 0 for an ephemeral port (tests).
 */
public record HearthConfig(Network network, Admin admin, Tokens tokens, Messages messages, Database database,
                           Cluster cluster, int nodeId, Map<String, String> raw) {

    /** Listeners and advertised addresses. */
    public record Network(String advertisedHost, String bindHost, int mqttPort, int httpPortAdvertised,
                          int httpPortBound, int websocketPort, int secureWebsocketPort, int channelTimeoutSeconds,
                          int maxPacketSize, int workerThreads) {
    }

    /** The signed server API. */
    public record Admin(int port, String secretKey, boolean noCheckTime) {
    }

    /** Token signing and the multi-device kick rules. */
    public record Tokens(String key, long expireMillis, boolean multiEndpoint, boolean multiPcEndpoint,
                         boolean multiPadEndpoint) {
    }

    /** Message sync. */
    public record Messages(int roaming, long compensateTimeLimitMillis, int maxContentSize) {
    }

    /** Cluster membership; {@code members} empty means a single node without Hazelcast. */
    public record Cluster(List<String> members, String host, int port, String name, int failureTimeoutSeconds) {

        public boolean enabled() {
            return !members.isEmpty();
        }
    }

    /** The store of record. */
    public record Database(String type, String url, String user, String password, int poolSize, int batchSize,
                           int writerQueue) {
    }
}
