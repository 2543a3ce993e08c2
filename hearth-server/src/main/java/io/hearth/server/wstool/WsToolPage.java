package io.hearth.server.wstool;

import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /wstool} page: one HTML file with its script and style inline (classpath resource {@code wstool.html}),
 * read once at start and answered from memory on the event loop. A Content-Security-Policy with the hashes of the
 * inline script and style lets the browser load nothing else, so the page works offline and cannot be turned into
 * something that pulls in other code; it may only connect to its own origin (for {@code /api/nodes}) and to
 * WebSocket addresses.
 */
public final class WsToolPage {

    public static final String PATH = "/wstool";
    private static final String RESOURCE = "wstool.html";
    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private final HttpResult page;

    private WsToolPage(byte[] html) {
        this.page = new HttpResult(200, "text/html; charset=utf-8", html, Map.of(
                "Content-Security-Policy", policy(new String(html, StandardCharsets.UTF_8)),
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-cache"));
    }

    /** Adds {@code GET /wstool} to the router. */
    public static void register(HttpRouter router) {
        WsToolPage tool = new WsToolPage(load());
        router.route("GET", PATH, call -> CompletableFuture.completedFuture(tool.page));
    }

    private static byte[] load() {
        try (InputStream in = WsToolPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Nothing but the page's own inline script and style; fetch to the same origin; WebSockets anywhere. */
    static String policy(String html) {
        StringBuilder scripts = new StringBuilder();
        StringBuilder styles = new StringBuilder();
        Matcher m = INLINE.matcher(html);
        while (m.find()) {
            (m.group(1).equals("script") ? scripts : styles).append(" 'sha256-").append(sha256(m.group(2))).append('\'');
        }
        return "default-src 'none'; script-src" + scripts + "; style-src" + styles
                + "; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
