/** Storage infrastructure shared by the stores: the exception every store throws. Stores live in {@code storage.jdbc}. */
package io.hearth.server.storage;
