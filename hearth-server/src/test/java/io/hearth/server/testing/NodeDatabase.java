package io.hearth.server.testing;

import java.util.Map;

/**
 * The two databases a {@link TestNode} can run on, for integration tests that must hold on both: the embedded H2
 * file (TestNode's default) and a new database of the test PostgreSQL server ({@link Postgres}).
 */
public enum NodeDatabase {
    H2 {
        @Override
        public Map<String, Object> settings() {
            return Map.of();
        }
    },
    POSTGRESQL {
        @Override
        public Map<String, Object> settings() {
            return Postgres.newDatabase().settings();
        }
    };

    /** The config overrides that point a new node at a new, empty database of this kind. */
    public abstract Map<String, Object> settings();
}
