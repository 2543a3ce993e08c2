/**
 * HTTP ports: the client port ({@code local_port}: route, version) and the admin port share this small router, the
 * strict JSON mapper and the deadline for each request's head ({@link io.hearth.server.transport.http.HeaderDeadline},
 * also used by the WebSocket upgrade).
 */
package io.hearth.server.transport.http;
