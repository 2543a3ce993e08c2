package io.hearth.server.deploy.check;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hearth check ADDRESS [--node URL]... [--ca FILE] [--timeout S] [--expect-public]}: runs the {@link Doctor}
 * and prints one line per check and a summary. Exit code 0 when every check passed, 1 when one failed, 2 for a
 * usage error (picocli's).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a deployment the way clients use it: /api/version and /api/nodes on the entry, then"
                + " MQTT over TCP, TLS, WebSocket and WSS on every node, certificates and advertised addresses.",
            "Prints OK or FAIL (with the fix) per check; exit code 0 when all pass, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ADDRESS",
            description = "The entry clients use, e.g. http://im.example.com or https://im.example.com:8443.")
    String address;

    @Option(names = "--node", paramLabel = "URL",
            description = "A node's own HTTP address (e.g. http://10.0.0.11:80) to compare with the entry. Repeatable.")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Trust the CA certificates in this PEM file instead of the JDK's trust store.")
    Path ca;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Timeout of every connect and read. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(names = "--expect-public",
            description = "Require public advertised addresses even when the entry is not public.")
    boolean expectPublic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckOptions options = options();
        List<CheckResult> results = Doctor.run(options);
        PrintWriter out = spec.commandLine().getOut();
        results.forEach(r -> out.println(r.line()));
        out.println(summary(results));
        out.flush();
        return results.stream().allMatch(CheckResult::ok) ? 0 : 1;
    }

    private CheckOptions options() {
        if (ca != null && !Files.isReadable(ca)) {
            throw new ParameterException(spec.commandLine(), "cannot read the CA file " + ca);
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--timeout must be between 0 and 3600 seconds");
        }
        try {
            List<URI> nodeUris = nodes.stream().map(n -> CheckOptions.parseAddress(n)).toList();
            CheckOptions o = new CheckOptions(CheckOptions.parseAddress(address), nodeUris, ca,
                    Duration.ofMillis(Math.round(timeoutSeconds * 1000)), expectPublic);
            if (ca != null) {
                TrustAnchors.load(ca);
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (Exception e) {
            throw new ParameterException(spec.commandLine(), "cannot read the CA file " + ca + ": " + e.getMessage());
        }
    }

    /** {@code 7 checks: all OK} or {@code 7 checks: 5 OK, 2 FAIL}. */
    static String summary(List<CheckResult> results) {
        long failed = results.stream().filter(r -> !r.ok()).count();
        if (results.isEmpty()) {
            return "0 checks";
        }
        return failed == 0 ? results.size() + " checks: all OK"
                : results.size() + " checks: " + (results.size() - failed) + " OK, " + failed + " FAIL";
    }
}
