/**
 * The server (admin) API, compatible with WildfireChat's: signature check, replay check (the {@code NonceLedger}
 * port, in memory on a single node, shared through the cluster otherwise), envelope, and the user, message and node
 * actions (drain, online counts); plus {@code /admin/health} for every live node and Prometheus {@code /metrics}
 * (this node) on the same internal port.
 */
package io.hearth.server.admin;
