/** The route API ({@code POST /route}) that tells a client which node and ports to connect to. */
package io.hearth.server.route;
