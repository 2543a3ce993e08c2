/**
 * RPC over MQTT 5: requests published to {@code rpc/<method>} with a Response Topic and an 8-byte Correlation Data,
 * replies matched back to their futures by {@link io.hearth.client.rpc.RpcClient}, with per-request timeouts.
 */
package io.hearth.client.rpc;
