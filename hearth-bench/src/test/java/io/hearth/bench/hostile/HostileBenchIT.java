package io.hearth.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The hostile scenario runs end to end against an embedded node with every attack, tiny: each attack gets its
 * baseline, attack and recovery rows, the attacker did something, the node's memory was sampled, and the JSON
 * holds the same phases. No figure is asserted: the benchmark measures, the server's tests assert isolation.
 */
class HostileBenchIT {

    @Test
    void everyAttackGetsItsPhasesAndTheNodeIsSampled(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("hostile.json");
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new BenchMain()).execute("hostile", "--embedded", "--senders", "2",
                    "--receivers", "2", "--rate", "40", "--warmup", "1", "--baseline", "1", "--duration", "6",
                    "--recovery", "1", "--progress", "1", "--sub-filters", "3000", "--sub-rate", "20",
                    "--slow-rate", "20", "--flood-connections", "20", "--json", json.toString());
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("node alive at the end: yes");
        for (String attack : HostileOptions.ATTACKS) {
            assertThat(out).as(out).contains("| " + attack + " | baseline |", "| " + attack + " | attack |",
                    "| " + attack + " | recovery |");
        }
        assertThat(out).contains("poisoned sends: ").containsPattern("\\d+ filters granted, \\d+ refused")
                .contains("persisted pushes").contains("connection flood: held max 20");

        JsonNode doc = new ObjectMapper().readTree(Files.readString(json));
        assertThat(doc.get("phases")).hasSize(1 + 3 * HostileOptions.ATTACKS.size());
        JsonNode baseline = doc.get("phases").get(1);
        assertThat(baseline.get("acks").asLong()).isPositive();
        assertThat(baseline.get("rssBytes").get("max").asLong()).isPositive();
        assertThat(baseline.get("directBytes").get("max").asLong()).isNotNegative();
    }
}
