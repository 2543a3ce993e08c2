package io.hearth.server.storage.jdbc;

import java.util.Map;

/** The differences between H2 and PostgreSQL that the SQL has to know about. */
public enum Dialect {
    H2("VARBINARY"),
    POSTGRESQL("BYTEA");

    private final String bytesType;

    Dialect(String bytesType) {
        this.bytesType = bytesType;
    }

    public static Dialect of(String dbType) {
        return dbType.equals("postgresql") ? POSTGRESQL : H2;
    }

    /** Flyway placeholders used by the migrations. */
    Map<String, String> placeholders() {
        return Map.of("bytes", bytesType);
    }
}
