package io.hearth.server.cluster;

/**
 * Where a node actually listens, for tools that sit in front of it ({@code hearth nginx --cluster}):
 * {@code host} is the address other machines reach it by, ports are bound ports, -1 = listener off.
 */
public record BoundPorts(String host, int port, int localPort, int websocketPort, int secureWebsocketPort,
                         int sslPort, int httpsPort) {
}
