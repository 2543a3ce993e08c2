/**
 * The route call: {@code POST <routeUrl>/route} tells a client which node and ports to connect to, or refuses with
 * a status code (6 token error, 7 kicked off, 245 user blocked, 251 invalid parameter).
 */
package io.hearth.client.route;
