/**
 * {@code hearth check ADDRESS}: a deployment doctor. It probes an entry address the way clients do
 * ({@code /api/version}, {@code /api/nodes}, then MQTT over TCP, TLS, WebSocket and WSS on every advertised node, with a
 * real MQTT handshake), inspects certificates and the advertised addresses, and turns each finding into one
 * {@link io.hearth.server.check.CheckResult}: OK, or FAIL with the reason and a concrete fix.
 */
package io.hearth.server.check;
