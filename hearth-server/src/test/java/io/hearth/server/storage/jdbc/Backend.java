package io.hearth.server.storage.jdbc;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.testing.Postgres;
import java.nio.file.Path;

/**
 * The two databases every store test runs against, each new and empty per call: an H2 file in a temporary
 * directory (the default of a single node) and a database of the test PostgreSQL server (a cluster's shared store).
 */
enum Backend {
    H2 {
        @Override
        HearthConfig.Database newDatabase(Path dir, int poolSize) {
            String url = "jdbc:h2:file:" + dir.resolve("hearth").toAbsolutePath();
            return new HearthConfig.Database("h2", url, "sa", "", poolSize, 64, 10_000);
        }
    },
    POSTGRESQL {
        @Override
        HearthConfig.Database newDatabase(Path dir, int poolSize) {
            Postgres.Db db = Postgres.newDatabase();
            return new HearthConfig.Database("postgresql", db.url(), db.user(), db.password(), poolSize, 64, 10_000);
        }
    };

    /** Settings of a new empty database; {@code dir} is a temporary directory the H2 file may use. */
    abstract HearthConfig.Database newDatabase(Path dir, int poolSize);
}
