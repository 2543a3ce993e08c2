/**
 * The server (admin) API, compatible with WildfireChat's: signature check, envelope, and the user, message and node
 * actions (drain, online counts); plus {@code /admin/health} for every live node and Prometheus {@code /metrics}
 * (this node) on the same internal port.
 */
package io.hearth.server.admin;
