package io.hearth.server.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.bootstrap.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hearth nginx} through picocli, as registered in {@link Main}. */
class NginxCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "nginx";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private Path nodes() throws Exception {
        return Files.writeString(dir.resolve("nodes.txt"), "1 10.0.0.11\n2 10.0.0.12 ssl_port=8883\n");
    }

    @Test
    void printsTheConfigOnStandardOutputAndTheKeysOnStandardError() throws Exception {
        int code = run("--mode", "single-entry", "--nodes", nodes().toString(), "--entry", "im.example.com");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("# nginx in front of a Hearth cluster: mode single-entry")
                .contains("proxy_pass 10.0.0.12:14082;");
        assertThat(err.toString()).contains("# node 1 (10.0.0.11)", "server.ip im.example.com\nport 11881\n",
                "ssl_port 14082");
    }

    @Test
    void writesTheConfigAndOneKeyFilePerNode() throws Exception {
        Path conf = dir.resolve("hearth-nginx.conf");
        int code = run("--mode", "direct", "--nodes", nodes().toString(), "--entry", "im.example.com",
                "--listen", "127.0.0.20", "--http-port", "8080", "--https-port", "8443", "--tls-cert", "/t/c.pem",
                "--tls-key", "/t/k.pem", "--ws-port-base", "20000", "--wss-port-base", "21000",
                "--out", conf.toString(), "--keys-dir", dir.resolve("keys").toString(), "--access-log", "off");

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(conf)).contains("listen 127.0.0.20:8443 ssl;", "listen 127.0.0.20:21002 ssl;",
                "ssl_certificate /t/c.pem;", "access_log off;");
        assertThat(Files.readString(dir.resolve("keys/node-2.conf"))).contains("server.ip 10.0.0.12\n",
                "websocket_proxy_port 20002\n", "websocket_proxy_secure_port 21002\n");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("hearth: nginx: wrote " + conf + " (direct, 2 nodes)");
    }

    @Test
    void withOutButNoKeysDirTheKeysGoToStandardOutput() throws Exception {
        int code = run("--mode", "direct", "--nodes", nodes().toString(), "--entry", "e",
                "--out", dir.resolve("n.conf").toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("# node 2 (10.0.0.12)", "websocket_proxy_port 12082");
    }

    @Test
    void relativeTlsAndLogPathsBecomeAbsoluteBecauseNginxWouldReadThemFromItsPrefix() throws Exception {
        int code = run("--mode", "direct", "--nodes", nodes().toString(), "--entry", "e", "--tls-cert", "tls/c.pem",
                "--tls-key", "tls/../tls/k.pem", "--access-log", "logs/access.log");
        assertThat(code).isZero();
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(out.toString()).contains("ssl_certificate " + cwd + "/tls/c.pem;",
                "ssl_certificate_key " + cwd + "/tls/k.pem;", "access_log " + cwd + "/logs/access.log;");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "1 10.0.0.11\n2 10.0.0.12 websocket=8083\n");
        assertThat(run("--mode", "direct", "--nodes", bad.toString(), "--entry", "e")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("hearth: nginx: " + bad + ":2: 'websocket=8083' is not key=value with"
                + " a key of port, local_port, websocket_port, ssl_port, public\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesHalfATlsPairAnUnknownModeAndTwoSources() throws Exception {
        String file = nodes().toString();
        assertThat(run("--mode", "direct", "--nodes", file, "--entry", "e", "--tls-cert", "/c")).isEqualTo(2);
        assertThat(err.toString()).contains("--tls-cert and --tls-key go together");
        assertThat(run("--mode", "proxy", "--nodes", file, "--entry", "e")).isEqualTo(2);
        assertThat(err.toString()).contains("mode 'proxy' is neither direct nor single-entry");
        assertThat(run("--mode", "direct", "--nodes", file, "--cluster", "http://127.0.0.1:1", "--entry", "e"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void anUnreachableClusterIsAClearError() {
        assertThat(run("--mode", "direct", "--cluster", "http://127.0.0.1:1", "--entry", "e")).isEqualTo(2);
        assertThat(err.toString()).startsWith("hearth: nginx: http://127.0.0.1:1/admin/nodes: cannot reach");
    }
}
