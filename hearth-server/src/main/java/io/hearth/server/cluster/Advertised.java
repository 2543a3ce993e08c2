package io.hearth.server.cluster;

import java.util.List;

/**
 * A node's advertised addresses, what the route tells clients about it: the host and ports native clients use
 * ({@code host}, {@code longPort}, {@code shortPort}, {@code sslPort}), what web clients use ({@code wsHost},
 * {@code wsPort}, {@code wssPort} — the WebSocket proxy's when one is configured) and the node's other entry points
 * ({@code backups}, dual network). Built after the listeners are bound, so a port configured as 0 is advertised as
 * the port actually bound. -1 = not offered.
 */
public record Advertised(String host, int longPort, int shortPort, int sslPort, String wsHost, int wsPort, int wssPort,
                         List<Backup> backups) {

    public Advertised {
        backups = List.copyOf(backups);
    }

    /** Plain ports only, web clients on the same host, no backups. */
    public static Advertised plain(String host, int longPort, int shortPort, int wsPort) {
        return new Advertised(host, longPort, shortPort, -1, host, wsPort, -1, List.of());
    }

    /** Another entry point to the same node ({@code server.backup_address}: host:short:long:ws). */
    public record Backup(String host, int shortPort, int longPort, int wsPort) {
    }
}
