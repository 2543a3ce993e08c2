package io.hearth.server.deploy.nginx;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hearth nginx}: reads the nodes (a node file or the live cluster), writes the nginx configuration for the
 * chosen mode and the keys each node must set. Exit 0, 2 on bad input, 1 when an output cannot be written.
 */
@Command(name = "nginx", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the nginx configuration for a Hearth cluster (direct or single-entry mode) and the"
                + " keys each node must set.", "Node file: one node per line, '<node_id> <host> [port=1883]"
                + " [local_port=80] [websocket_port=8083] [ssl_port=disabled] [public=HOST]', # comments."})
public final class NginxCommand implements Callable<Integer> {

    @Option(names = "--mode", paramLabel = "MODE", required = true, description = "direct or single-entry.")
    String mode;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--nodes", paramLabel = "FILE", description = "Node file, one node per line.")
        Path file;

        @Option(names = "--cluster", paramLabel = "URL", description = "Server API URL of any live node; reads GET /admin/nodes.")
        URI cluster;
    }

    @Option(names = "--entry", paramLabel = "HOST", required = true, description = "Host name or IP clients use (the entry domain).")
    String entry;

    @Option(names = "--listen", paramLabel = "ADDRESS", defaultValue = "", description = "Address nginx listens on. Default: every address.")
    String listen;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "80", description = "Entry HTTP port. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--https-port", paramLabel = "PORT", defaultValue = "443", description = "Entry HTTPS port with TLS. Default: ${DEFAULT-VALUE}.")
    int httpsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain nginx terminates TLS with; enables TLS. Relative paths are made absolute.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (path nginx reads).")
    String tlsKey;

    @Option(names = "--long-port-base", paramLabel = "PORT", defaultValue = "11880", description = "Single entry: MQTT/TCP port = base + node_id. Default: ${DEFAULT-VALUE}.")
    int longBase;

    @Option(names = "--http-port-base", paramLabel = "PORT", defaultValue = "10080", description = "Single entry: short HTTP port = base + node_id. Default: ${DEFAULT-VALUE}.")
    int httpBase;

    @Option(names = "--ws-port-base", paramLabel = "PORT", defaultValue = "12080", description = "WebSocket port = base + node_id. Default: ${DEFAULT-VALUE}.")
    int wsBase;

    @Option(names = "--wss-port-base", paramLabel = "PORT", defaultValue = "13080", description = "With TLS: secure WebSocket port = base + node_id. Default: ${DEFAULT-VALUE}.")
    int wssBase;

    @Option(names = "--ssl-port-base", paramLabel = "PORT", defaultValue = "14080", description = "Single entry, nodes with ssl_port: MQTT/TLS port = base + node_id. Default: ${DEFAULT-VALUE}.")
    int sslBase;

    @Option(names = "--stream-module", paramLabel = "debian|none|PATH", defaultValue = "debian", description = "Single entry: debian (include"
            + " /etc/nginx/modules-enabled/*.conf), none (built in) or the path of ngx_stream_module.so. Default: ${DEFAULT-VALUE}.")
    String streamModule;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "900", description = "Seconds an idle long connection is kept (>= 600). Default: ${DEFAULT-VALUE}.")
    int idleTimeout;

    @Option(names = "--access-log", paramLabel = "PATH|off", description = "access_log PATH or off. Default: nginx's.")
    String accessLog;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the configuration here. Default: standard output.")
    Path out;

    @Option(names = "--keys-dir", paramLabel = "DIR", description = "Write each node's keys to DIR/node-<id>.conf. Default: print them"
            + " (standard output with --out, else standard error).")
    Path keysDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Deployment d;
        try {
            d = deployment();
        } catch (NodeListException | IllegalArgumentException e) {
            stderr.println("hearth: nginx: " + e.getMessage());
            return 2;
        }
        String config = NginxConfig.render(d);
        try {
            if (out == null) {
                stdout.print(config);
                stdout.flush();
            } else {
                Files.writeString(out, config);
            }
            PrintWriter keysOut = out == null ? stderr : stdout;
            for (Node n : d.nodes()) {
                if (keysDir == null) {
                    keysOut.print("\n" + NodeKeys.text(d, n));
                } else {
                    Files.createDirectories(keysDir);
                    Files.writeString(keysDir.resolve("node-" + n.nodeId() + ".conf"), NodeKeys.text(d, n));
                }
            }
            keysOut.flush();
        } catch (IOException e) {
            stderr.println("hearth: nginx: cannot write " + e.getMessage());
            return 1;
        }
        if (out != null) {
            stderr.printf("hearth: nginx: wrote %s (%s, %d nodes); check it with nginx -t -c %s%n", out,
                    d.mode().label(), d.nodes().size(), out.toAbsolutePath());
        }
        return 0;
    }

    /** nginx would resolve a relative path against its own prefix; the user meant their directory. */
    private static String absolute(String path) {
        return path.isBlank() ? path : Path.of(path).toAbsolutePath().normalize().toString();
    }

    private Deployment deployment() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        List<Node> nodes = source.file != null ? NodeFile.read(source.file) : ClusterNodes.fetch(source.cluster);
        return Deployment.builder(Mode.parse(mode), entry, nodes)
                .listen(listen).httpPort(httpPort).httpsPort(httpsPort)
                .tls(tlsCert == null ? null : new Tls(absolute(tlsCert), absolute(tlsKey)))
                .ports(new PortPlan(longBase, httpBase, wsBase, wssBase, sslBase))
                .streamModule(StreamModule.parse(streamModule))
                .idleTimeoutSeconds(idleTimeout)
                .accessLog(accessLog == null || accessLog.equals("off") ? accessLog : absolute(accessLog))
                .build();
    }
}
