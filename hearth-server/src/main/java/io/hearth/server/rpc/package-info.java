/**
 * Client RPC infrastructure: the request as received ({@link io.hearth.server.rpc.RpcRequest}, protobuf or proto3
 * JSON), the method interface, the registry every feature adds its methods to, and the parts features add to
 * {@code session.info}. Transport-independent; the MQTT side lives in {@code mqtt.RpcDispatcher}.
 */
package io.hearth.server.rpc;
