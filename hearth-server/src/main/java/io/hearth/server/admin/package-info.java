/**
 * The server (admin) API, compatible with WildfireChat's: signature check, envelope, and the user and message
 * actions; plus {@code /admin/health} and Prometheus {@code /metrics} on the same internal port.
 */
package io.hearth.server.admin;
