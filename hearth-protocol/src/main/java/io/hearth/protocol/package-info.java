/**
 * The client protocol of Hearth: the protobuf schema ({@code hearth.proto}, Java classes in
 * {@code io.hearth.protocol.pb}), topic and method names, platforms and status codes. Shared by the server, the
 * Java SDK and the benchmark; depends on nothing of the server.
 */
package io.hearth.protocol;
