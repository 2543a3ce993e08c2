/**
 * Rate limits, on Bucket4j token buckets refilled all at once at the end of each fixed window, as the
 * reference counts them: {@code client.request_rate_limit} per user, client and RPC method in 5 s
 * ({@link io.hearth.server.ratelimit.LimitedMethods}), {@code http.admin.rate_limit} for the whole server API in
 * 10 s. Every limit is this node's own; nothing is shared across the cluster.
 */
package io.hearth.server.ratelimit;
