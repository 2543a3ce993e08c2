package io.hearth.server.bootstrap;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import io.hearth.server.storage.jdbc.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Deque;

/**
 * What every feature's assembly uses: the configuration, clock, database, blocking executor, metrics and event hook,
 * and the stack of resources the node closes in reverse order on stop. Used on the starting thread only.
 */
record Core(HearthConfig config, Clock clock, Database db, BlockingExecutor blocking,
            PrometheusMeterRegistry metrics, EventHook events, Deque<AutoCloseable> resources) {

    /** Closes {@code resource} when the node stops (after everything opened later). */
    <T extends AutoCloseable> T keep(T resource) {
        resources.push(resource);
        return resource;
    }
}
