/**
 * Storage infrastructure shared by the stores: the exception every store throws and the classification of SQL
 * failures into races worth a retry and faults ({@link io.hearth.server.storage.SqlStates}). Stores live in
 * {@code storage.jdbc}.
 */
package io.hearth.server.storage;
