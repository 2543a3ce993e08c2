/**
 * Test fixtures: a real node on port 0 with a temporary database, a raw server API caller, and a real PostgreSQL
 * server ({@link io.hearth.server.testing.Postgres}, one per test JVM) that hands out fresh databases.
 */
package io.hearth.server.testing;
