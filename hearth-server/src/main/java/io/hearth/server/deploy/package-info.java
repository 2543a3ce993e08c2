/**
 * Deployment tooling an operator runs next to the nodes, not inside one: {@code hearth nginx} ({@code deploy.nginx})
 * writes the proxy configuration, {@code hearth check} ({@code deploy.check}) probes a deployment the way clients
 * do. Both speak to nodes only over their public interfaces (HTTP, MQTT, TLS) and import nothing of the server, so
 * that they could become a module of their own; {@code bootstrap.Main} wires them as subcommands.
 */
package io.hearth.server.deploy;
