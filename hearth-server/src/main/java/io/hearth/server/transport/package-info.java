/** Network listeners. Each transport adds its own prefix to a channel pipeline; {@code tcp}, {@code ws}, {@code http}. */
package io.hearth.server.transport;
