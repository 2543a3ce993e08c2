package io.hearth.server.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.client.admin.AdminClient;
import io.hearth.server.testing.ShadedJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Hearth node as a separate JVM, started from the shaded jar: every listener and the cluster port on the
 * node's own loopback address ({@code 127.0.0.1N} for node N), its ports fixed for the life of the fixture so a
 * restarted node comes back where clients and the other members look for it. stdout and stderr go to one log file
 * per node and test run, which restarts append to. Blocking; call from the test thread.
 */
final class NodeProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // a test JVM that ends without the fixture's clean-up (crash, ctrl-C) must not leave nodes running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "node-process-reaper"));
    }

    /** The ports a node binds on its own address; {@code http} is both {@code local_port} and {@code http_port}. */
    record Ports(int mqtt, int ws, int http, int admin, int cluster) {
    }

    private final int nodeId;
    private final String host;
    private final Ports ports;
    private final Map<String, Object> settings;
    private final Path log;
    private final Path workDir;
    private final HttpClient http;
    private final AdminClient admin;
    private Process process;
    private long logOffset;

    NodeProcess(int nodeId, Ports ports, Map<String, Object> settings, Path logDir, HttpClient http) {
        this.nodeId = nodeId;
        this.host = hostOf(nodeId);
        this.ports = ports;
        this.settings = settings;
        this.log = logDir.resolve("node-" + nodeId + ".log");
        this.workDir = logDir.resolve("node-" + nodeId);
        this.http = http;
        this.admin = new AdminClient(URI.create("http://" + host + ":" + ports.admin()), "123456");
    }

    /** The loopback address of node N: 127.0.0.11 for node 1. */
    static String hostOf(int nodeId) {
        return "127.0.0.1" + nodeId;
    }

    int nodeId() {
        return nodeId;
    }

    String host() {
        return host;
    }

    Ports ports() {
        return ports;
    }

    /** Launches the JVM; returns at once (see {@link #awaitReady()}). */
    void start() {
        if (isAlive()) {
            throw new IllegalStateException("node " + nodeId + " is already running");
        }
        // small and quick to start: one GC thread, no C2 compiler (the load is modest)
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", shadedJar().toString(), "start"));
        settings.forEach((k, v) -> {
            cmd.add("--set");
            cmd.add(k + "=" + v);
        });
        try {
            Files.createDirectories(workDir);
            if (process == null) {
                Files.deleteIfExists(log); // a new test run: a new log; restarts append to it
            }
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "==== " + LocalTime.now() + " starting node " + nodeId + ": "
                    + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            // the working directory has no conf/hearth.conf: the node runs on its --set keys alone
            process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            LIVE.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + nodeId, e);
        }
    }

    /** Waits for "Hearth node N ready" in this start's part of the log; fails with the log tail if the JVM exits. */
    void awaitReady() {
        String ready = "Hearth node " + nodeId + " ready";
        await("node " + nodeId + " ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("node " + nodeId + " exited with " + process.exitValue()
                        + " before it was ready; log tail:\n" + tail(40));
            }
            return logSinceStart().contains(ready);
        });
    }

    /** SIGTERM, then waits for the JVM to exit (a graceful stop: the node leaves the cluster at once). */
    void stop() {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("node " + nodeId + " did not stop within " + STOP_TIMEOUT
                        + " of SIGTERM; killed it. Log tail:\n" + tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LIVE.remove(process);
        }
    }

    /** kill -9: the node vanishes without leaving the cluster; the others find out by the failure timeout. */
    void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LIVE.remove(process);
        }
    }

    /** Waits for the JVM to exit by itself (after a drain); returns its exit code. */
    int awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("node " + nodeId + " still running after " + atMost + "; log tail:\n"
                        + tail(40));
            }
            LIVE.remove(process);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, start again on the same ports and database, and wait until it is ready. */
    void restart() {
        stop();
        start();
        awaitReady();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The base URL clients route through: {@code POST <routeUrl>/route}. */
    URI routeUrl() {
        return URI.create("http://" + host + ":" + ports.http());
    }

    /** A client of this node's signed server API. */
    AdminClient admin() {
        return admin;
    }

    /** {@code liveNodeIds} of this node's {@code /api/version}. */
    List<Integer> liveNodeIds() {
        JsonNode v = get("/api/version");
        List<Integer> ids = new ArrayList<>();
        v.path("liveNodeIds").forEach(n -> ids.add(n.asInt()));
        return ids;
    }

    /** {@code POST /route} for (user, client, token): the whole {@code {code, msg, result}} envelope. */
    JsonNode route(String userId, String clientId, String token) {
        Map<String, Object> body = Map.of("userId", userId, "clientId", clientId, "token", token, "platform", 2);
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(routeUrl() + "/route"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            return JSON.readTree(send(req));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(routeUrl() + path)).timeout(Duration.ofSeconds(5))
                    .GET().build();
            return JSON.readTree(send(req));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest req) throws IOException {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(req.uri() + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The last {@code lines} lines of the node's log (all its starts). */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    private String logSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(logOffset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static String javaBinary() {
        return ShadedJar.java();
    }

    static Path shadedJar() {
        return ShadedJar.path();
    }
}
