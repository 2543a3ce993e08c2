/**
 * MQTT 3.1.1 and 5 sessions: the pipeline tail shared by TCP and WebSocket, the connect gate, the per-connection
 * state, topic ACLs, RPC dispatch over PUBLISH, the registry of live connections that delivers pushes and kicks, and
 * the redirector that moves every connection to other nodes when this one is drained. Every reason code sent is one
 * of Netty's: {@code MqttReasonCodes} (DISCONNECT, PUBACK, SUBACK, UNSUBACK) and {@code MqttConnectReturnCode}
 * (CONNACK); no handler writes a code as a number.
 */
package io.hearth.server.mqtt;
