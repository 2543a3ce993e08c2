package io.hearth.bench.group;

import io.hearth.bench.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts the rows of the node's {@code timeline} table (write diffusion: one row per member per message) over JDBC,
 * before and after the measured phase: the persisted deliveries. An H2 file URL gets the node's own settings, so that
 * in the node's JVM the bench joins the database the node has open. Called from the bench's main thread.
 */
final class TimelineRows {

    private final Target.Store store;

    TimelineRows(Target.Store store) {
        this.store = store;
    }

    long count() {
        try (Connection c = DriverManager.getConnection(url(store.url()), store.user(), store.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM timeline")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the timeline rows at " + store.url(), e);
        }
    }

    /** As the node's {@code Database} opens H2. */
    static String url(String url) {
        return url.startsWith("jdbc:h2:file:") && !url.contains(";") ? url + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                : url;
    }
}
