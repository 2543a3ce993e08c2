package io.hearth.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment tools import nothing of the server (they talk to nodes over the wire), and the server imports
 * them only where {@code bootstrap.Main} wires the subcommands. Paths are relative to the hearth-server module, where
 * Maven runs the tests.
 */
class DeployBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/io/hearth/server");
    private static final Pattern HEARTH = Pattern.compile("\\bio\\.hearth\\.[a-z]+(?:\\.[a-z]\\w*)*");

    @Test
    void deployUsesNoServerInternals() throws IOException {
        assertThat(referencesIn(SOURCES.resolve("deploy")))
                .isNotEmpty()
                .allMatch(r -> r.startsWith("io.hearth.server.deploy"), "a reference inside deploy");
    }

    @Test
    void onlyMainWiresTheDeployCommands() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> users = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(SOURCES.resolve("deploy")))
                    .filter(p -> read(p).contains("io.hearth.server.deploy"))
                    .map(p -> SOURCES.relativize(p).toString()).toList();
            assertThat(users).containsExactly("bootstrap/Main.java");
        }
    }

    private static List<String> referencesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                Matcher m = HEARTH.matcher(read(p));
                return m.results().map(r -> r.group());
            }).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
