package io.hearth.bench.hostile;

import io.hearth.bench.Target;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attack 4: TCP connections that never send CONNECT, opened as fast as possible up to the descriptor limit of a
 * child process ({@link FloodCommand}, same JVM binary and class path) and held: each one the node closes (its
 * CONNECT timer) is reopened. The child has its own descriptor limit, so the flood can reach the node's limit while
 * this process keeps its legitimate users. Reads the child's progress lines on a thread of its own.
 */
final class ConnectionFlood implements Attack {

    private static final Pattern LINE = Pattern.compile("flood open=(\\d+) pending=(\\d+) opened=(\\d+) "
            + "failed=(\\d+) closed=(\\d+) limit=(\\d+)");

    private final Target target;
    private final int count;
    private final List<String> sources;
    private volatile Process child;
    private volatile String last = "starting";
    private volatile long maxOpen;

    ConnectionFlood(Target target, int count, List<String> sources) {
        this.target = target;
        this.count = count;
        this.sources = sources;
    }

    @Override
    public String name() {
        return "connection-flood";
    }

    @Override
    public void run() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "io.hearth.bench.BenchMain", "flood",
                "--host", target.host, "--port", Integer.toString(target.mqttPort),
                "--count", Integer.toString(count), "--sources", String.join(",", sources)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        child = p;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    maxOpen = Math.max(maxOpen, Long.parseLong(m.group(1)));
                    last = String.format("held max %d, now %d open (child limit %s), %s opened, %s connects failed,"
                            + " %s closed by the node", maxOpen, Long.parseLong(m.group(1)), m.group(6),
                            m.group(3), m.group(4), m.group(5));
                } else if (!line.isBlank()) {
                    last = "flood worker: " + line;
                }
            }
        }
    }

    @Override
    public String status() {
        return "connection flood: " + last;
    }

    @Override
    public void close() {
        Process p = child;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
