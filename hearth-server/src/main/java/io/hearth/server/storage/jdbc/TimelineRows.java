package io.hearth.server.storage.jdbc;

import io.hearth.server.message.TimelineEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * How one writer transaction reads-and-locks timeline heads, inserts timeline rows and moves heads: the part of
 * {@link JdbcTimelineBatch} whose cost grows with the number of receivers, so the one that has a form per dialect
 * ({@link BatchedTimelineRows} for H2, {@link ArrayTimelineRows} for PostgreSQL). Called on the writer thread, inside
 * its open transaction.
 */
interface TimelineRows {

    /**
     * Locks the heads of {@code sorted} (ids in the dialect's lock order, no duplicates) in that order and returns
     * each existing one's head; users without a head row are absent from the result.
     */
    Map<String, Long> lock(Connection c, List<String> sorted) throws SQLException;

    /** Inserts the rows. */
    void insert(Connection c, List<TimelineEntry> entries) throws SQLException;

    /** Sets each user's head (every one locked by this transaction) to its value. */
    void moveHeads(Connection c, SortedMap<String, Long> heads) throws SQLException;

    static TimelineRows of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? new ArrayTimelineRows() : new BatchedTimelineRows(dialect);
    }
}
