/**
 * Network listeners. Each transport adds its own prefix to a channel pipeline; {@code tcp}, {@code ws}, {@code http}.
 * The exception handler that ends every pipeline lives here, so that no transport depends on another's protocol.
 */
package io.hearth.server.transport;
