/**
 * MQTT 3.1.1 and 5 sessions: the pipeline tail shared by TCP and WebSocket, the connect gate, the per-connection
 * state, topic ACLs, RPC dispatch over PUBLISH, the registry of live connections that delivers pushes and kicks, and
 * the redirector that moves every connection to other nodes when this one is drained.
 */
package io.hearth.server.mqtt;
