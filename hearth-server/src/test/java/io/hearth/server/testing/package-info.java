/**
 * Test fixtures: a real node on port 0 with a temporary database, a raw server API caller, a real PostgreSQL
 * server ({@link io.hearth.server.testing.Postgres}, one per test JVM) that hands out fresh databases, a test CA
 * ({@link io.hearth.server.testing.TestPki}) and the real nginx run on a generated file
 * ({@link io.hearth.server.testing.NginxProcess}).
 */
package io.hearth.server.testing;
