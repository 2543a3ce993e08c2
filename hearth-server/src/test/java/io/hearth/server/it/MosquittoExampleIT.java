package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the worked example of docs/protocol.md (section 7) as written, with Debian's mosquitto clients, against a
 * real node; only the ports are rewritten to the node's. If this fails, the documentation is wrong.
 */
class MosquittoExampleIT {

    @Test
    void theDocumentedExampleWorksVerbatim() throws Exception {
        String doc = Files.readString(Path.of("../docs/protocol.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("## 7. Worked example with mosquitto"));
        String script = section.substring(section.indexOf("```bash") + 7, section.indexOf("```", section.indexOf("```bash") + 7));
        try (TestNode node = TestNode.start()) {
            String adapted = script
                    .replace("127.0.0.1:18080", "127.0.0.1:" + node.adminPort())
                    .replace("127.0.0.1:8080", "127.0.0.1:" + node.httpPort())
                    .replace("-p 1883", "-p " + node.mqttPort());
            String out = bash(adapted);
            assertThat(out).containsPattern("\\{\"code\":0,\"msg\":\"success\",\"result\":\\{[^}]*\"userId\":\"alice\"");
            assertThat(out).contains("\"longPort\":" + node.mqttPort());
            assertThat(out).containsPattern("\\{\"code\":0,\"msg\":\"success\",\"send\":\\{\"messageUid\":\"\\d+\"");
            assertThat(out).containsPattern("u/bob/json/push/message \\{\"messages\":\\[\\{.*\"searchableContent\":\"hello bob\"");
            assertThat(out).containsPattern("\"pull\":\\{\"messages\":\\[\\{.*\"searchableContent\":\"hello bob\".*\"seq\":\"1\"");
        }
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("hearth-example", ".sh");
        Files.writeString(file, "set -u\n" + script);
        Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("example did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("mosquitto clients must be installed (.ci/run installs mosquitto-clients)")
                .doesNotContain("mosquitto_rr: command not found");
        return out;
    }
}
