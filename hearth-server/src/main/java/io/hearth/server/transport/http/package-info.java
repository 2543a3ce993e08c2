/** HTTP ports: the client port ({@code local_port}: route, version) and the admin port share this small router. */
package io.hearth.server.transport.http;
