/**
 * {@code hearth nginx}: writes the nginx configuration for a cluster in one of the two deployment modes (direct,
 * single entry) from a node list ({@link io.hearth.server.deploy.nginx.NodeFile} or the live cluster's
 * {@code GET /admin/nodes}), and the keys each node must set so that the route advertises the addresses nginx
 * serves. {@link io.hearth.server.deploy.nginx.NginxConfig#render} is the plain Java entry point; tests use it directly.
 */
package io.hearth.server.deploy.nginx;
