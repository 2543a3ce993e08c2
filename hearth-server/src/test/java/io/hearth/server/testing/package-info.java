/** Test fixtures: a real node on port 0 with a temporary database, and a raw server API caller. */
package io.hearth.server.testing;
