/**
 * {@code GET /wstool}: a self-contained page that checks MQTT over WebSocket from the user's own browser (WebSocket
 * to a {@code ws://} or {@code wss://} address, an MQTT 3.1.1 CONNECT, the CONNACK), served on the client HTTP port.
 */
package io.hearth.server.wstool;
