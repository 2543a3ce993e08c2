package io.hearth.server.deploy.check;

/**
 * One host and port to probe, and the config keys (or proxy settings) an operator changes when it is wrong, e.g.
 * {@code websocket_port / websocket_proxy_port}.
 */
record Target(String host, int port, String keys) {

    String hostPort() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return hostPort();
    }
}
