package io.hearth.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runnable server jar the integration tests start as a separate process. */
public final class ShadedJar {

    private ShadedJar() {
    }

    /**
     * target/hearth-server-VERSION-all.jar, built by the package phase before failsafe runs; the system property
     * {@code hearth.it.jar} points the tests at another build instead.
     */
    public static Path path() {
        String override = System.getProperty("hearth.it.jar", "");
        if (!override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("hearth-server-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/hearth-server-*-all.jar: run mvn package"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java binary of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
