/**
 * {@code hearth check ADDRESS}: a deployment doctor. It probes an entry address the way clients do
 * ({@code /api/version}, {@code /api/nodes}, then MQTT over TCP, TLS, WebSocket and WSS on every advertised node, with a
 * real MQTT handshake), inspects certificates and the advertised addresses, and turns each finding into one
 * {@link io.hearth.server.deploy.check.CheckResult}: OK, or FAIL with the reason and a concrete fix.
 *
 * <p>Why blocking sockets and a few hand-written bytes (the HTTP/1.1 request, RFC 6455 framing, the MQTT CONNECT)
 * instead of {@code java.net.http} or Netty's client codecs: a doctor must report what actually came back on the
 * wire — a 400 from nginx instead of 101, an HTTP or TLS answer on an MQTT port, a reset after the upgrade — and
 * keep one connection from the upgrade through the CONNACK. The libraries turn those into generic exceptions or hide
 * them behind their own retries and state machines. What is hand-written is only what a client must send and
 * the minimum it must parse; the CONNECT bytes are checked against Netty's {@code MqttDecoder} in the tests.
 */
package io.hearth.server.deploy.check;
