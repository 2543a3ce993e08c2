/** TLS of the node's own listeners: the key store of {@code jks_path}, checked once at startup. */
package io.hearth.server.tls;
