/**
 * Channels to the server: {@link io.hearth.client.transport.ClientPipeline} adds the WebSocket prefix (HTTP codec,
 * aggregator, handshake, frame adapters) when needed and the same MQTT tail for every transport;
 * {@link io.hearth.client.transport.NettyChannelOpener} connects on the client's event loop.
 */
package io.hearth.client.transport;
