package io.hearth.client.route;

import java.util.List;

/**
 * The route answer: the node's host and ports. {@code wssPort} and {@code sslPort} are 0 when the server offers no
 * secure WebSocket or MQTT over TLS; {@code wsHost} is where web transports connect (a WebSocket proxy, or
 * {@code host}); {@code backups} are other entry points to the same node (dual network), tried in order when the
 * main address cannot be reached.
 */
public record RouteResult(String host, int longPort, int shortPort, int wsPort, int wssPort, int sslPort,
                          String wsHost, List<Backup> backups) {

    public RouteResult {
        backups = List.copyOf(backups);
    }

    public RouteResult(String host, int longPort, int shortPort, int wsPort, int wssPort) {
        this(host, longPort, shortPort, wsPort, wssPort, 0, host, List.of());
    }

    /** One {@code backupAddresses} entry: host, short (HTTP), long (MQTT over TCP) and WebSocket port. */
    public record Backup(String host, int shortPort, int longPort, int wsPort) {
    }
}
