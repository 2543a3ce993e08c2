package io.hearth.server.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.ApiSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hearth drain [--admin URL] [--secret S] [--node N]}: signs and sends {@code POST /admin/node/drain} to a
 * node's server API, prints one line and exits 0, or 1 when the call failed. Runs on the main thread.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Drain a node: stop routing users to it, move its clients to the other nodes,"
        + " then stop it.")
final class DrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--admin", defaultValue = "http://127.0.0.1:18080",
            description = "Server API base URL of any node (http.admin.port). Default: ${DEFAULT-VALUE}.")
    URI admin;

    @Option(names = "--secret", defaultValue = "${env:HEARTH_ADMIN_SECRET:-123456}",
            description = "http.admin.secret_key. Default: $HEARTH_ADMIN_SECRET, else 123456.")
    String secret;

    @Option(names = "--node", description = "node_id of the node to drain. Default: the node at --admin.")
    Integer node;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String base = admin.toString().endsWith("/") ? admin.toString() : admin + "/";
        URI uri = URI.create(base + "admin/node/drain");
        String nonce = Long.toString(System.nanoTime());
        String timestamp = Long.toString(System.currentTimeMillis());
        try {
            byte[] body = JSON.writeValueAsBytes(node == null ? Map.of() : Map.of("nodeId", node));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("nonce", nonce)
                    .header("timestamp", timestamp).header("sign", ApiSignature.sign(nonce, secret, timestamp))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode envelope = JSON.readTree(response.body());
            if (envelope == null || !envelope.has("code")) {
                err.println("hearth: drain: " + uri + " answered HTTP " + response.statusCode() + " without a status");
                return 1;
            }
            if (envelope.path("code").asInt() != 0) {
                err.println("hearth: drain refused: code " + envelope.path("code").asInt() + " "
                        + envelope.path("msg").asText());
                return 1;
            }
            JsonNode r = envelope.path("result");
            out.printf("node %d is draining: moving %d client(s) to the other nodes, then it stops%n",
                    r.path("nodeId").asInt(), r.path("clients").asInt());
            return 0;
        } catch (IOException e) {
            err.println("hearth: drain: cannot reach the server API at " + uri + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
