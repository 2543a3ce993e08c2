package io.hearth.server.wstool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/browser/wstool-check.mjs}: Debian's Chromium, driven by playwright-core, opens the
 * {@code /wstool} page, checks one WebSocket address and reports what the page showed.
 */
final class BrowserCheck {

    static final Path DIR = Path.of("src/test/browser");
    private static final String SETUP = "run the npm step of .ci/run: (cd hearth-server/src/test/browser && "
            + "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund), and apt-get install chromium";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page showed: {@code state} ok/fail, the {@code #result} text, its step log, browser console errors. */
    record Outcome(String state, String result, List<String> log, List<String> consoleErrors) {
    }

    private final List<String> args = new ArrayList<>();

    private BrowserCheck(String pageUrl) {
        args.addAll(List.of("--page", pageUrl));
    }

    /** Fails with what to install when node_modules, node or Chromium is missing. */
    static void requireSetup() {
        if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            throw new AssertionError(DIR.toAbsolutePath() + "/node_modules is missing: " + SETUP);
        }
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new AssertionError(chromium + " is missing: " + SETUP);
        }
    }

    /** Fill in {@code wsUrl} on the page at {@code pageUrl} and click. */
    static BrowserCheck of(String pageUrl, String wsUrl) {
        BrowserCheck check = new BrowserCheck(pageUrl);
        check.args.addAll(List.of("--url", wsUrl));
        return check;
    }

    /** Open {@code pageUrl?auto=1}: the page finds the node's WebSocket address itself and checks it. */
    static BrowserCheck findingItsAddress(String pageUrl) {
        return new BrowserCheck(pageUrl).viaQueryString();
    }

    BrowserCheck login(String userId, String clientId, String token) {
        args.addAll(List.of("--user", userId, "--client", clientId, "--token", token));
        return this;
    }

    BrowserCheck timeoutSeconds(int seconds) {
        args.addAll(List.of("--timeout", Integer.toString(seconds)));
        return this;
    }

    /** Launch Chromium trusting a certificate whose public key has this base64 SHA-256. */
    BrowserCheck trustSpki(String spkiSha256) {
        args.addAll(List.of("--trust-spki", spkiSha256));
        return this;
    }

    /** Open {@code /wstool?url=…&auto=1} instead of filling in the form and clicking. */
    BrowserCheck viaQueryString() {
        args.add("--auto");
        return this;
    }

    Outcome run() {
        requireSetup();
        List<String> cmd = new ArrayList<>(List.of("node", "wstool-check.mjs"));
        cmd.addAll(args);
        try {
            Path stderr = Files.createTempFile("wstool-check", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
            pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("wstool-check.mjs did not finish in 90 s");
            }
            String stdout = new String(out, StandardCharsets.UTF_8).strip();
            String lastLine = stdout.substring(stdout.lastIndexOf('\n') + 1);
            String errors = Files.readString(stderr);
            Files.delete(stderr);
            if (p.exitValue() != 0 || lastLine.isEmpty()) {
                throw new AssertionError("wstool-check.mjs exited " + p.exitValue() + ": " + stdout + "\n" + errors);
            }
            JsonNode r = JSON.readTree(lastLine);
            return new Outcome(r.path("state").asText(), r.path("result").asText(), strings(r.path("log")),
                    strings(r.path("consoleErrors")));
        } catch (IOException e) {
            throw new AssertionError("cannot run node wstool-check.mjs (is node installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
