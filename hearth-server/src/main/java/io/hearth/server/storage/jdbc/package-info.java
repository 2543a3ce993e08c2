/**
 * JDBC implementations of the storage ports, for H2 (embedded default) and PostgreSQL: the pool and Flyway
 * migrations ({@link io.hearth.server.storage.jdbc.Database}), the {@link io.hearth.server.storage.jdbc.Dialect}, and
 * one store per aggregate. Every method blocks; callers run them on the blocking executor or the message writer.
 */
package io.hearth.server.storage.jdbc;
