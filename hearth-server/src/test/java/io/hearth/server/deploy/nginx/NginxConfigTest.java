package io.hearth.server.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rendered file's structure for both modes, with and without TLS. */
class NginxConfigTest {

    static final List<Node> NODES = List.of(
            Node.of(1, "10.0.0.11"),
            Node.of(2, "10.0.0.12").withPorts(1883, 8080, 8093, 8883).withPublicHost("203.0.113.12"),
            Node.of(3, "10.0.0.13").withPorts(Node.DISABLED, 80, Node.DISABLED, Node.DISABLED));
    static final Tls TLS = new Tls("/etc/hearth/tls/im.pem", "/etc/hearth/tls/im.key");

    @Test
    void directWithoutTls() {
        Deployment d = Deployment.builder(Mode.DIRECT, "im.example.com", NODES).build();
        String text = NginxConfig.render(d);
        Block main = Block.parse(text);

        assertThat(main.blocks("stream")).isEmpty();
        assertThat(text).doesNotContain("modules-enabled").doesNotContain("ssl");
        assertThat(main.block("events").values("worker_connections")).containsExactly("16384");
        Block http = main.block("http");
        assertBalancedUpstream(http);
        assertThat(http.blocks("server")).hasSize(3);
        Block entry = http.blocks("server").get(0);
        assertThat(entry.values("listen")).containsExactly("80");
        assertThat(entry.values("server_name")).containsExactly("im.example.com");
        assertClientRoutes(entry, "http://hearth_http");
        assertWebSocket(http.blocks("server").get(1), List.of("12081"), "10.0.0.11:8083");
        assertWebSocket(http.blocks("server").get(2), List.of("12082"), "10.0.0.12:8093");
        assertAdminNeverProxied(main);
    }

    @Test
    void directWithTls() {
        Deployment d = Deployment.builder(Mode.DIRECT, "im.example.com", NODES).tls(TLS).httpsPort(8443).build();
        Block http = Block.parse(NginxConfig.render(d)).block("http");

        assertThat(http.values("ssl_certificate")).containsExactly("/etc/hearth/tls/im.pem");
        assertThat(http.values("ssl_certificate_key")).containsExactly("/etc/hearth/tls/im.key");
        assertThat(http.values("ssl_protocols")).containsExactly("TLSv1.2 TLSv1.3");
        assertThat(http.blocks("server").get(0).values("listen")).containsExactly("80", "8443 ssl");
        List<Block> servers = http.blocks("server");
        assertThat(servers).hasSize(1 + 2 + 2);
        assertWebSocket(servers.get(1), List.of("12081"), "10.0.0.11:8083");
        assertWebSocket(servers.get(2), List.of("13081 ssl"), "10.0.0.11:8083");
        assertWebSocket(servers.get(3), List.of("12082"), "10.0.0.12:8093");
        assertWebSocket(servers.get(4), List.of("13082 ssl"), "10.0.0.12:8093");
    }

    @Test
    void singleEntryWithoutTls() {
        Deployment d = Deployment.builder(Mode.SINGLE_ENTRY, "im.example.com", NODES).build();
        String text = NginxConfig.render(d);
        Block main = Block.parse(text);

        assertThat(text).startsWith("#").doesNotContain("ssl ").doesNotContain("ssl_");
        assertThat(main.directives().get(0)).isEqualTo("include /etc/nginx/modules-enabled/*.conf");
        Block http = main.block("http");
        assertBalancedUpstream(http);
        List<Block> servers = http.blocks("server");
        // entry, then per node: short HTTP and WebSocket (node 3 has no WebSocket)
        assertThat(servers).hasSize(1 + 2 + 2 + 1);
        assertClientRoutes(servers.get(1), "http://10.0.0.11:80");
        assertThat(servers.get(1).values("listen")).containsExactly("10081");
        assertWebSocket(servers.get(2), List.of("12081"), "10.0.0.11:8083");
        assertClientRoutes(servers.get(3), "http://10.0.0.12:8080");
        assertWebSocket(servers.get(4), List.of("12082"), "10.0.0.12:8093");
        assertThat(servers.get(5).values("listen")).containsExactly("10083");

        List<Block> tcp = main.block("stream").blocks("server");
        assertThat(tcp).extracting(s -> s.values("listen").get(0) + " -> " + s.values("proxy_pass").get(0))
                .containsExactly("11881 -> 10.0.0.11:11881", "11882 -> 10.0.0.12:11882",
                        "14082 -> 10.0.0.12:14082");
        for (Block s : tcp) {
            assertThat(seconds(s.values("proxy_timeout").get(0))).isGreaterThanOrEqualTo(600);
        }
        assertAdminNeverProxied(main);
    }

    @Test
    void singleEntryWithTlsListeningOnOneAddress() {
        Deployment d = Deployment.builder(Mode.SINGLE_ENTRY, "im.example.com", NODES).tls(TLS)
                .listen("192.0.2.10").streamModule(StreamModule.parse("/usr/lib/nginx/modules/ngx_stream_module.so"))
                .build();
        Block main = Block.parse(NginxConfig.render(d));

        assertThat(main.directives().get(0)).isEqualTo("load_module /usr/lib/nginx/modules/ngx_stream_module.so");
        List<Block> servers = main.block("http").blocks("server");
        assertThat(servers.get(0).values("listen")).containsExactly("192.0.2.10:80", "192.0.2.10:443 ssl");
        // entry, then per node: short HTTP, WebSocket, secure WebSocket (node 3 only short HTTP)
        assertThat(servers).hasSize(1 + 3 + 3 + 1);
        assertWebSocket(servers.get(2), List.of("192.0.2.10:12081"), "10.0.0.11:8083");
        assertWebSocket(servers.get(3), List.of("192.0.2.10:13081 ssl"), "10.0.0.11:8083");
        assertThat(servers.get(1).values("listen")).containsExactly("192.0.2.10:10081");
        assertThat(main.block("stream").blocks("server")).allSatisfy(s ->
                assertThat(s.values("listen").get(0)).startsWith("192.0.2.10:").doesNotContain("ssl"));
    }

    @Test
    void aBuiltInStreamModuleNeedsNoDirective() {
        Deployment d = Deployment.builder(Mode.SINGLE_ENTRY, "im.example.com", NODES)
                .streamModule(StreamModule.BUILT_IN).build();
        Block main = Block.parse(NginxConfig.render(d));
        assertThat(main.directives()).containsExactly("worker_processes auto", "worker_rlimit_nofile 65536");
    }

    @Test
    void setsNoDirectiveThatNginxDashGGives() {
        for (Mode mode : Mode.values()) {
            String text = NginxConfig.render(Deployment.builder(mode, "im.example.com", NODES).tls(TLS).build());
            assertThat(Block.parse(text).directives()).noneMatch(d -> d.startsWith("pid ")
                    || d.startsWith("error_log ") || d.startsWith("daemon "));
        }
    }

    @Test
    void anAccessLogAndALongerIdleTimeoutAreWritten() {
        Deployment d = Deployment.builder(Mode.DIRECT, "im.example.com", NODES).accessLog("off")
                .idleTimeoutSeconds(3600).build();
        Block http = Block.parse(NginxConfig.render(d)).block("http");
        assertThat(http.values("access_log")).containsExactly("off");
        assertThat(http.blocks("server").get(1).values("proxy_read_timeout")).containsExactly("3600s");
    }

    private static void assertBalancedUpstream(Block http) {
        Block upstream = http.block("upstream hearth_http");
        assertThat(upstream.directives()).contains("least_conn");
        assertThat(upstream.values("server")).containsExactly("10.0.0.11:80 max_fails=3 fail_timeout=10s",
                "10.0.0.12:8080 max_fails=3 fail_timeout=10s", "10.0.0.13:80 max_fails=3 fail_timeout=10s");
        assertThat(http.values("proxy_set_header")).contains("Host $host", "X-Real-IP $remote_addr",
                "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme", "Connection \"\"");
        assertThat(http.values("proxy_http_version")).containsExactly("1.1");
    }

    private static void assertClientRoutes(Block server, String target) {
        for (String route : List.of("= /route", "/api/", "/robot/", "/channel/", "/wstool")) {
            assertThat(server.block("location " + route).values("proxy_pass")).containsExactly(target);
        }
        assertThat(server.block("location /").directives()).containsExactly("return 404");
        assertThat(server.block("location ^~ /admin").directives()).containsExactly("return 404");
    }

    private static void assertWebSocket(Block server, List<String> listen, String target) {
        assertThat(server.values("listen")).containsExactlyElementsOf(listen);
        assertThat(server.values("proxy_http_version")).containsExactly("1.1");
        assertThat(server.values("proxy_set_header")).contains("Upgrade $http_upgrade", "Connection \"upgrade\"",
                "Host $host", "X-Real-IP $remote_addr", "X-Forwarded-For $proxy_add_x_forwarded_for",
                "X-Forwarded-Proto $scheme");
        assertThat(seconds(server.values("proxy_read_timeout").get(0))).isGreaterThanOrEqualTo(600);
        assertThat(seconds(server.values("proxy_send_timeout").get(0))).isGreaterThanOrEqualTo(600);
        assertThat(server.block("location /").values("proxy_pass")).containsExactly("http://" + target);
        assertThat(server.block("location ^~ /admin").directives()).containsExactly("return 404");
    }

    /** Every server of every block answers /admin itself with 404 and nothing under /admin is proxied. */
    private static void assertAdminNeverProxied(Block main) {
        List<Block> httpServers = main.block("http").blocks("server");
        assertThat(httpServers).allSatisfy(s ->
                assertThat(s.block("location ^~ /admin").directives()).containsExactly("return 404"));
        assertThat(main.all().filter(b -> b.head().contains("/admin")))
                .allSatisfy(b -> assertThat(b.directives()).containsExactly("return 404"));
        assertThat(main.all().flatMap(b -> b.values("proxy_pass").stream())).noneMatch(p -> p.contains("admin"));
    }

    private static int seconds(String value) {
        assertThat(value).endsWith("s");
        return Integer.parseInt(value.substring(0, value.length() - 1));
    }
}
