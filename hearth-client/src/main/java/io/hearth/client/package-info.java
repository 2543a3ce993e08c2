/**
 * The Hearth Java SDK. {@link io.hearth.client.HearthClient} connects one user session (route, MQTT 5 over TCP or
 * WebSocket), sends and pulls messages, delivers new timeline entries to a {@link io.hearth.client.HearthListener}
 * exactly once, and reconnects and resyncs after a loss. Everything a client does runs on one Netty event loop.
 */
package io.hearth.client;
