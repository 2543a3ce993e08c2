package io.hearth.server.wstool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One check of the {@code /wstool} page in Debian's Chromium, driven by playwright-core through
 * {@code src/test/browser/wstool-check.mjs}: the page checks one WebSocket address and the check reports what the
 * page showed. The checks of a test class share one Chromium per trust setting ({@link Browsers}); each check runs in
 * a fresh browser context of it.
 */
final class BrowserCheck {

    static final Path DIR = Path.of("src/test/browser");
    private static final String SETUP = "run the npm step of .ci/run: (cd hearth-server/src/test/browser && "
            + "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund), and apt-get install chromium";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page showed: {@code state} ok/fail, the {@code #result} text, its step log, browser console errors. */
    record Outcome(String state, String result, List<String> log, List<String> consoleErrors) {
    }

    private final ObjectNode check = JSON.createObjectNode();
    private String trustSpki = "";

    private BrowserCheck(String pageUrl) {
        check.put("page", pageUrl);
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
        BrowserCheck c = new BrowserCheck(pageUrl);
        c.check.put("url", wsUrl);
        return c;
    }

    /** Open {@code pageUrl?auto=1}: the page finds the node's WebSocket address itself and checks it. */
    static BrowserCheck findingItsAddress(String pageUrl) {
        return new BrowserCheck(pageUrl).viaQueryString();
    }

    BrowserCheck login(String userId, String clientId, String token) {
        check.put("user", userId).put("client", clientId).put("token", token);
        return this;
    }

    BrowserCheck timeoutSeconds(int seconds) {
        check.put("timeout", Integer.toString(seconds));
        return this;
    }

    /** Run in a Chromium launched trusting a certificate whose public key has this base64 SHA-256. */
    BrowserCheck trustSpki(String spkiSha256) {
        trustSpki = spkiSha256;
        return this;
    }

    /** Open {@code /wstool?url=…&auto=1} instead of filling in the form and clicking. */
    BrowserCheck viaQueryString() {
        check.put("auto", true);
        return this;
    }

    /** Runs this check in a fresh context of the Chromium of {@code browsers} with this check's trust setting. */
    Outcome run(Browsers browsers) {
        JsonNode r = browsers.session(trustSpki).ask(check);
        return new Outcome(r.path("state").asText(), r.path("result").asText(), strings(r.path("log")),
                strings(r.path("consoleErrors")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The Chromiums of one test class: at most one {@code wstool-check.mjs --serve} process (so one Chromium) per
     * trust setting, started at its first check. {@link #close()} ends them and every process they started.
     */
    static final class Browsers implements AutoCloseable {

        private final Map<String, Session> sessions = new LinkedHashMap<>();

        Browsers() {
            requireSetup();
        }

        private synchronized Session session(String trustSpki) {
            Session s = sessions.get(trustSpki);
            if (s == null || !s.alive()) {
                if (s != null) {
                    s.close();
                }
                s = Session.start(trustSpki);
                sessions.put(trustSpki, s);
            }
            return s;
        }

        @Override
        public synchronized void close() {
            sessions.values().forEach(Session::close);
            sessions.clear();
        }
    }

    /** One {@code wstool-check.mjs --serve}: one Chromium, one check per stdin line, one JSON answer per line. */
    private static final class Session {

        private static final int LAUNCH_SECONDS = 60;
        private static final int CHECK_SECONDS = 90;

        private final Process process;
        private final Path stderr;
        private final Writer in;
        private final BufferedReader out;
        private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wstool-check reader");
            t.setDaemon(true);
            return t;
        });

        private Session(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Session start(String trustSpki) {
            List<String> cmd = new ArrayList<>(List.of("node", "wstool-check.mjs", "--serve"));
            if (!trustSpki.isEmpty()) {
                cmd.addAll(List.of("--trust-spki", trustSpki));
            }
            Process p;
            Path stderr;
            try {
                stderr = Files.createTempFile("wstool-check", ".err");
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(DIR.toFile())
                        .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
                pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run node wstool-check.mjs (is node installed?): " + e.getMessage(), e);
            }
            Session s = new Session(p, stderr);
            JsonNode ready = s.answer(LAUNCH_SECONDS, "start Chromium");
            if (!ready.path("ready").asBoolean()) {
                s.fail("wstool-check.mjs did not start Chromium: " + ready);
            }
            return s;
        }

        boolean alive() {
            return process.isAlive();
        }

        synchronized JsonNode ask(ObjectNode check) {
            try {
                in.write(JSON.writeValueAsString(check) + "\n");
                in.flush();
            } catch (IOException e) {
                fail("cannot send a check to wstool-check.mjs: " + e.getMessage());
            }
            JsonNode r = answer(CHECK_SECONDS, "answer " + check);
            if (r.has("error")) {
                throw new AssertionError("wstool-check.mjs: " + r.path("error").asText() + stderrText());
            }
            return r;
        }

        /** The next JSON line; ends the session and fails when there is none in time. */
        private JsonNode answer(int seconds, String what) {
            Future<String> line = reader.submit(out::readLine);
            String text;
            try {
                text = line.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                line.cancel(true);
                return fail("wstool-check.mjs did not " + what + " in " + seconds + " s");
            } catch (ExecutionException e) {
                return fail("cannot read wstool-check.mjs: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
            if (text == null) {
                return fail("wstool-check.mjs exited " + exitValue() + " before it could " + what);
            }
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return fail("wstool-check.mjs printed no JSON: " + text);
            }
        }

        private JsonNode fail(String message) {
            String errors = stderrText();
            kill(process.descendants().toList());
            cleanUp();
            throw new AssertionError(message + errors);
        }

        private String exitValue() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "(still running)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted)";
            }
        }

        private String stderrText() {
            try {
                String s = Files.exists(stderr) ? Files.readString(stderr).strip() : "";
                return s.isEmpty() ? "" : "\n" + s;
            } catch (IOException e) {
                return "";
            }
        }

        /** End of stdin closes the browser; whatever is left after that is killed, Chromium first. */
        void close() {
            List<ProcessHandle> started = process.descendants().toList();
            try {
                in.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    kill(started);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(started);
            }
            started.forEach(ProcessHandle::destroyForcibly); // only those still alive: a ProcessHandle knows its start
            cleanUp();
        }

        private void kill(List<ProcessHandle> started) {
            started.forEach(ProcessHandle::destroyForcibly);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void cleanUp() {
            reader.shutdownNow();
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException e) {
                // a temp file
            }
        }
    }
}
