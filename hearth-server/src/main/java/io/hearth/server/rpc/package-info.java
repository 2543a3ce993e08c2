/**
 * Client RPC methods: the request as received ({@link io.hearth.server.rpc.RpcRequest}, protobuf or proto3 JSON),
 * the method interface, and the methods of this version. Transport-independent; the MQTT side lives in
 * {@code mqtt.RpcDispatcher}.
 */
package io.hearth.server.rpc;
