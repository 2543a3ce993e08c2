package io.hearth.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Debian nginx ({@code /usr/sbin/nginx}, packages nginx and libnginx-mod-stream) run on a generated file
 * under a private prefix directory: {@code pid} and {@code error_log} come from {@code -g}, and
 * {@code PREFIX/modules} links to the system's module directory, because Debian's
 * {@code /etc/nginx/modules-enabled/50-mod-stream.conf} loads {@code modules/ngx_stream_module.so}, a path relative
 * to the prefix. {@link #close} stops only the master this object started (SIGTERM, then SIGKILL). Generate the
 * file with {@code io.hearth.server.deploy.nginx.NginxConfig}; give it an {@code access_log} under the prefix.
 */
public final class NginxProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    public static final Path MODULES = Path.of("/usr/lib/nginx/modules");

    private final Process process;
    private final Path prefix;

    private NginxProcess(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** A prefix directory for one nginx run, with the modules link. */
    public static Path prefix(Path dir) throws IOException {
        assertThat(BINARY).as("nginx is missing: apt-get install -y nginx libnginx-mod-stream").isExecutable();
        assertThat(MODULES.resolve("ngx_stream_module.so")).as("apt-get install -y libnginx-mod-stream").exists();
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("modules"), MODULES);
        return dir;
    }

    /** {@code nginx -t}: returns nginx's output; fails the test unless nginx accepts the file. */
    public static String test(Path prefix, Path conf) throws Exception {
        Process p = new ProcessBuilder(command(prefix, conf, "-t", "")).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("nginx -t on %s:%n%s%n%s", conf, output, Files.readString(conf)).isZero();
        assertThat(output).contains("test is successful");
        return output;
    }

    /** Starts nginx in the foreground and waits until it accepts connections on {@code host:port}. */
    public static NginxProcess start(Path prefix, Path conf, String host, int port) throws Exception {
        Process p = new ProcessBuilder(command(prefix, conf, "", "daemon off;"))
                .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        NginxProcess nginx = new NginxProcess(p, prefix);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            if (!p.isAlive()) {
                throw new AssertionError("nginx exited " + p.exitValue() + ": " + nginx.logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 200);
                return nginx;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    nginx.close();
                    throw new AssertionError("nginx does not listen on " + host + ":" + port + ": " + nginx.logs());
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Writes a minimal config (one worker, temp paths under the prefix) with {@code httpBlock} inside {@code http}
     * to a new prefix in {@code dir}, starts nginx and waits for {@code host:port} (nginx binds every listen socket
     * before it accepts on any).
     */
    public static NginxProcess startHttp(Path dir, String httpBlock, String host, int port) throws Exception {
        Path prefix = prefix(dir);
        Path conf = Files.writeString(prefix.resolve("nginx.conf"), """
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
                """.formatted(httpBlock));
        Files.createDirectories(prefix.resolve("tmp"));
        return start(prefix, conf, host, port);
    }

    /** nginx's own output and its error log, for failure messages. */
    public String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            Path f = prefix.resolve(name);
            if (Files.exists(f)) {
                out.append('\n').append(name).append(":\n").append(Files.readString(f));
            }
        }
        return out.toString();
    }

    private static List<String> command(Path prefix, Path conf, String flag, String extra) {
        String globals = extra + "pid " + prefix.resolve("nginx.pid") + "; error_log " + prefix.resolve("error.log")
                + " info;";
        return flag.isEmpty()
                ? List.of(BINARY.toString(), "-p", prefix + "/", "-c", conf.toString(), "-g", globals)
                : List.of(BINARY.toString(), flag, "-p", prefix + "/", "-c", conf.toString(), "-g", globals);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
