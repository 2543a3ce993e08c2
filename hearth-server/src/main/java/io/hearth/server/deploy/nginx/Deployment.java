package io.hearth.server.deploy.nginx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link NginxConfig} renders: the mode, the entry (the host name or IP clients use), the address nginx
 * listens on ({@code ""} = every address), the entry's HTTP and HTTPS ports, TLS (null = none), the per-node port
 * plan, how the stream module is loaded, the idle timeout of long connections, the access log (null = nginx's
 * default) and the nodes. Checked when made: valid names, an idle timeout of at least 10 minutes, unique node ids,
 * and no two listeners on one port. {@link #builder} fills in the defaults.
 */
public record Deployment(Mode mode, String entry, String listen, int httpPort, int httpsPort, Tls tls,
        PortPlan ports, StreamModule streamModule, int idleTimeoutSeconds, String accessLog, List<Node> nodes) {

    /** Proxies must keep an idle MQTT connection at least 10 minutes (heartbeats come every 3–4.5 minutes). */
    public static final int MIN_IDLE_TIMEOUT_SECONDS = 600;

    public Deployment {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(listen, "listen (\"\" = every address)");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(streamModule, "streamModule");
        nodes = List.copyOf(nodes);
        Names.checkHost("entry", entry);
        if (!listen.isEmpty()) {
            Names.checkHost("listen address", listen);
        }
        if (idleTimeoutSeconds < MIN_IDLE_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("idle timeout " + idleTimeoutSeconds + " s is below "
                    + MIN_IDLE_TIMEOUT_SECONDS + " s: MQTT connections idle up to 10 minutes between heartbeats");
        }
        if (accessLog != null && (accessLog.isBlank() || accessLog.matches(".*[\\s;{}\"'].*"))) {
            throw new IllegalArgumentException("access log '" + accessLog + "' is empty or has a space, quote or ';'");
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no nodes");
        }
        Set<Integer> ids = new HashSet<>();
        for (Node n : nodes) {
            if (!ids.add(n.nodeId())) {
                throw new IllegalArgumentException("node_id " + n.nodeId() + " appears twice");
            }
        }
        checkPorts(mode, httpPort, httpsPort, tls, ports, nodes);
    }

    public static Builder builder(Mode mode, String entry, List<Node> nodes) {
        return new Builder(mode, entry, nodes);
    }

    /** The ports nginx listens on for {@code node}. */
    public EntryPorts portsOf(Node node) {
        return EntryPorts.of(mode, ports, tls != null, node);
    }

    /** {@code port} on the listen address, as an nginx {@code listen} parameter. */
    String listenOn(int port) {
        return listen.isEmpty() ? Integer.toString(port) : Names.hostPort(listen, port);
    }

    /** No two listeners of nginx on one port, every port in 1..65535. */
    private static void checkPorts(Mode mode, int httpPort, int httpsPort, Tls tls, PortPlan ports, List<Node> nodes) {
        Map<Integer, String> used = new HashMap<>();
        claim(used, httpPort, "the HTTP port");
        if (tls != null) {
            claim(used, httpsPort, "the HTTPS port");
        }
        for (Node n : nodes) {
            EntryPorts p = EntryPorts.of(mode, ports, tls != null, n);
            String node = "node " + n.nodeId() + " ";
            claim(used, p.longPort(), node + "MQTT over TCP");
            claim(used, p.httpPort(), node + "short HTTP");
            claim(used, p.wsPort(), node + "WebSocket");
            claim(used, p.wssPort(), node + "secure WebSocket");
            claim(used, p.sslPort(), node + "MQTT over TLS");
        }
    }

    private static void claim(Map<Integer, String> used, int port, String what) {
        if (port == Node.DISABLED) {
            return;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (" + what + ") is outside 1..65535");
        }
        String other = used.putIfAbsent(port, what);
        if (other != null) {
            throw new IllegalArgumentException("port " + port + " would serve both " + other + " and " + what
                    + "; move a port base");
        }
    }

    /** Defaults: listen on every address, ports 80 and 443, {@link PortPlan#DEFAULTS}, Debian's module include, 900 s. */
    public static final class Builder {
        private final Mode mode;
        private final String entry;
        private final List<Node> nodes;
        private String listen = "";
        private int httpPort = 80;
        private int httpsPort = 443;
        private Tls tls;
        private PortPlan ports = PortPlan.DEFAULTS;
        private StreamModule streamModule = StreamModule.DEBIAN;
        private int idleTimeoutSeconds = 900;
        private String accessLog;

        private Builder(Mode mode, String entry, List<Node> nodes) {
            this.mode = mode;
            this.entry = entry;
            this.nodes = nodes;
        }

        public Builder listen(String address) {
            this.listen = address;
            return this;
        }

        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder httpsPort(int port) {
            this.httpsPort = port;
            return this;
        }

        public Builder tls(Tls tls) {
            this.tls = tls;
            return this;
        }

        public Builder ports(PortPlan ports) {
            this.ports = ports;
            return this;
        }

        public Builder streamModule(StreamModule module) {
            this.streamModule = module;
            return this;
        }

        public Builder idleTimeoutSeconds(int seconds) {
            this.idleTimeoutSeconds = seconds;
            return this;
        }

        public Builder accessLog(String pathOrOff) {
            this.accessLog = pathOrOff;
            return this;
        }

        /** @throws IllegalArgumentException naming the first problem, e.g. two listeners on one port */
        public Deployment build() {
            return new Deployment(mode, entry, listen, httpPort, httpsPort, tls, ports, streamModule,
                    idleTimeoutSeconds, accessLog, nodes);
        }
    }
}
