package io.hearth.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx ({@code /usr/sbin/nginx}, Debian's) in the foreground with a config written by the test: its own
 * prefix, pid file, error log and temp paths in a temporary directory. {@link #close()} stops exactly the process
 * it started.
 */
public final class TestNginx implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path dir;

    private TestNginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** A free loopback port for nginx to listen on (free now; nginx binds it right after). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts nginx with {@code httpBlock} inside {@code http { }} and waits until every port in {@code ports}
     * accepts connections.
     */
    public static TestNginx start(String httpBlock, List<Integer> ports) {
        try {
            Path dir = Files.createTempDirectory("hearth-nginx");
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("tmp"));
            String conf = """
                    worker_processes 1;
                    events { worker_connections 128; }
                    http {
                        access_log off;
                        client_body_temp_path tmp/body;
                        proxy_temp_path tmp/proxy;
                        fastcgi_temp_path tmp/fastcgi;
                        uwsgi_temp_path tmp/uwsgi;
                        scgi_temp_path tmp/scgi;
                    %s
                    }
                    """.formatted(httpBlock);
            Files.writeString(dir.resolve("nginx.conf"), conf);
            Process p = new ProcessBuilder(BINARY.toString(), "-p", dir + "/", "-c", "nginx.conf", "-e",
                    "logs/error.log", "-g", "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log "
                    + dir.resolve("logs/error.log") + ";")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
            TestNginx nginx = new TestNginx(p, dir);
            nginx.awaitPorts(ports, Duration.ofSeconds(10));
            return nginx;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitPorts(List<Integer> ports, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited " + process.exitValue() + ": " + log());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("nginx does not listen on " + port + ": " + log());
                    }
                    sleep(50);
                }
            }
        }
    }

    /** The error log and what nginx printed, for a failing test's message. */
    public String log() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("logs/error.log", "logs/stdout.log")) {
            try {
                b.append(Files.readString(dir.resolve(f)));
            } catch (IOException e) {
                // not written yet
            }
        }
        return b.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
