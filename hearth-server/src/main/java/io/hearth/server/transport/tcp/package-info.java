/** MQTT over TCP ({@code port}, default 1883). */
package io.hearth.server.transport.tcp;
