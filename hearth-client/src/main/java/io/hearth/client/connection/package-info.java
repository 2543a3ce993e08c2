/**
 * One MQTT 5 connection of the client: {@link io.hearth.client.connection.MqttClientHandler} (the last handler of the
 * pipeline) sends CONNECT and SUBSCRIBE, keeps the connection alive, writes requests and turns every packet from the
 * server into a {@link io.hearth.client.connection.ConnectionListener} call.
 */
package io.hearth.client.connection;
