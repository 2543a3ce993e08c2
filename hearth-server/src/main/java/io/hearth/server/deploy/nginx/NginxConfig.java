package io.hearth.server.deploy.nginx;

import java.util.stream.Collectors;

/**
 * Renders a {@link Deployment} as a complete nginx configuration file (main context, {@code events}, {@code http}
 * and, in single-entry mode, {@code stream}). The file sets no {@code pid}, {@code error_log} or {@code daemon}, so
 * they can be given with {@code nginx -g}. Pure function; any thread.
 */
public final class NginxConfig {

    private NginxConfig() {
    }

    public static String render(Deployment d) {
        ConfText c = new ConfText();
        c.line("# nginx in front of a Hearth cluster: mode " + d.mode().label() + ", entry " + d.entry()
                + ", nodes " + d.nodes().stream().map(n -> Integer.toString(n.nodeId()))
                        .collect(Collectors.joining(", ")) + ".");
        c.line("# Written by `hearth nginx`. Each node must set the keys printed with this file, or the route");
        c.line("# advertises addresses nginx does not serve.");
        boolean stream = d.mode() == Mode.SINGLE_ENTRY;
        if (stream && !d.streamModule().directive().isEmpty()) {
            c.line(d.streamModule().directive());
        }
        c.line("");
        c.line("worker_processes auto;");
        c.line("# Every proxied connection holds two descriptors: the client's and the node's.");
        c.line("worker_rlimit_nofile 65536;");
        c.line("");
        c.open("events").line("worker_connections 16384;").close();
        c.line("");
        HttpBlock.render(d, c);
        if (stream) {
            c.line("");
            StreamBlock.render(d, c);
        }
        return c.text();
    }
}
