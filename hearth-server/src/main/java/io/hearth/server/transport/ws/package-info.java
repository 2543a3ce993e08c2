/** MQTT over WebSocket ({@code websocket_port}, default 8083, path {@code /mqtt}). */
package io.hearth.server.transport.ws;
