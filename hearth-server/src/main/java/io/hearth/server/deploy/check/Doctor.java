package io.hearth.server.deploy.check;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Runs every check of {@code hearth check} in order: the entry's {@code /api/version} (and its certificate on
 * https), node discovery by {@code /api/nodes}, each {@code --node}'s own {@code /api/version}, then for every
 * advertised node its addresses and long-connection paths ({@link NodeChecks}). Entry checks run on the calling
 * thread, the nodes' checks on a few short-lived threads of their own; every step is bounded by the timeout.
 */
public final class Doctor {

    private static final String ENTRY_KEYS = "the entry's listener (nginx listen, or local_port / https_port)";
    private static final String NODE_KEYS = "local_port / https_port";
    private static final int MAX_PARALLEL_NODES = 8;

    private final CheckOptions options;
    private final Probes probes;
    private final NodeChecks nodeChecks;

    Doctor(CheckOptions options, X509ExtendedTrustManager trust, Clock clock) {
        this.options = options;
        this.probes = new Probes(new Dialer(options.timeout(), trust), clock);
        this.nodeChecks = new NodeChecks(probes);
    }

    /** Runs the checks; {@link IllegalArgumentException} when the {@code --ca} file cannot be read. */
    public static List<CheckResult> run(CheckOptions options) {
        X509ExtendedTrustManager trust;
        try {
            trust = TrustAnchors.load(options.ca());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA file " + options.ca() + ": " + e.getMessage(), e);
        }
        return new Doctor(options, trust, Clock.systemUTC()).run();
    }

    List<CheckResult> run() {
        List<CheckResult> out = new ArrayList<>();
        URI entry = options.address();
        Target entryTarget = new Target(entry.getHost(), CheckOptions.portOf(entry), ENTRY_KEYS);
        String entryFix = "ADDRESS must reach a Hearth node's local_port / https_port (nginx: proxy `location /api/`"
                + " to the nodes)";
        String what = "entry GET " + entry + "/api/version";
        HttpExchange.Response answer = probes.get("entry", what, entryTarget, CheckOptions.isTls(entry),
                "/api/version", out);
        VersionInfo version = answer == null ? null : version(what, answer, entryFix, out, true);
        // an entry that does not answer at all has no /api/nodes either: only the --node checks remain
        List<AdvertisedNode> nodes = answer == null ? List.of()
                : discover(entryTarget, entry, version, entryFix, out);
        for (URI node : options.nodes()) {
            nodeVersion(node, version, out);
        }
        boolean checkAddresses = options.expectPublic() || AddressClass.isPublic(entry.getHost());
        if (!checkAddresses && !nodes.isEmpty()) {
            out.add(CheckResult.ok("advertised addresses", "not checked: the entry " + entry.getHost()
                    + " is not public (--expect-public checks them anyway)"));
        }
        out.addAll(perNode(nodes, checkAddresses));
        return out;
    }

    /**
     * The per-node checks, nodes in parallel (a node that is down costs its timeouts once, not once per node), the
     * lines in node order.
     */
    private List<CheckResult> perNode(List<AdvertisedNode> nodes, boolean checkAddresses) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes.size(), MAX_PARALLEL_NODES), r -> {
            Thread t = new Thread(r, "hearth-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<CheckResult>>> futures = new ArrayList<>();
            for (AdvertisedNode n : nodes) {
                futures.add(pool.submit(() -> {
                    List<CheckResult> lines = new ArrayList<>();
                    if (checkAddresses) {
                        lines.add(AdvertisedAddresses.check(n));
                    }
                    nodeChecks.run(n, lines);
                    return lines;
                }));
            }
            List<CheckResult> out = new ArrayList<>();
            for (Future<List<CheckResult>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a node check failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Judges an /api/version answer; adds a FAIL line, or the OK line when {@code reportOk}; null when it failed. */
    private static VersionInfo version(String what, HttpExchange.Response r, String fix, List<CheckResult> out,
                                       boolean reportOk) {
        try {
            requireOk(r, fix);
            VersionInfo v = VersionInfo.parse(r.body(), fix);
            if (reportOk) {
                out.add(CheckResult.ok(what, v.build() + ", node " + v.nodeId() + ", live nodes " + v.liveNodeIds()));
            }
            return v;
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
            return null;
        }
    }

    private List<AdvertisedNode> discover(Target t, URI entry, VersionInfo version, String fix,
                                          List<CheckResult> out) {
        String what = "entry GET " + entry + "/api/nodes";
        HttpExchange.Response r = probes.get("entry", what, t, CheckOptions.isTls(entry), "/api/nodes", out);
        if (r == null) {
            return List.of();
        }
        try {
            requireOk(r, r.head().status() == 404 ? "run a Hearth version with GET /api/nodes on every node, and let"
                    + " the entry proxy `location /api/` to the nodes' local_port" : fix);
            List<AdvertisedNode> nodes = AdvertisedNode.parseList(r.body(), fix);
            List<Integer> ids = nodes.stream().map(AdvertisedNode::nodeId).sorted().toList();
            if (nodes.isEmpty()) {
                throw new ProbeFailure("no live node listed", "start the nodes; check their logs");
            }
            if (version != null && !ids.equals(version.liveNodeIds())) {
                throw new ProbeFailure("lists nodes " + ids + " but /api/version has live nodes "
                        + version.liveNodeIds(), "run the check again; if it persists, the entry balances over"
                        + " nodes that are not one cluster: check cluster.members on every node");
            }
            String draining = nodes.stream().filter(AdvertisedNode::draining).map(n -> "node " + n.nodeId())
                    .collect(Collectors.joining(", "));
            out.add(CheckResult.ok(what, nodes.size() + " live node(s): " + nodes.stream()
                    .map(n -> n.nodeId() + " at " + n.host()).collect(Collectors.joining(", "))
                    + (draining.isEmpty() ? "" : "; draining: " + draining)));
            return nodes;
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
            return List.of();
        }
    }

    private void nodeVersion(URI node, VersionInfo entry, List<CheckResult> out) {
        String what = "node " + node + " GET /api/version";
        Target t = new Target(node.getHost(), CheckOptions.portOf(node), NODE_KEYS);
        HttpExchange.Response answer = probes.get("node " + node, what, t, CheckOptions.isTls(node), "/api/version",
                out);
        VersionInfo v = answer == null ? null : version(what, answer, "--node must be a node's own HTTP address ("
                + NODE_KEYS + ")", out, false);
        if (v == null) {
            return;
        }
        if (entry == null) {
            out.add(CheckResult.ok(what, v.build() + ", node " + v.nodeId() + ", live nodes " + v.liveNodeIds()
                    + " (the entry could not be compared)"));
        } else if (!v.sameBuild(entry)) {
            out.add(CheckResult.fail(what, "node " + v.nodeId() + " runs " + v.build() + ", the entry answered "
                    + entry.build(), "run the same build on every node (a rolling restart, see docs/cluster.md)"));
        } else if (!v.liveNodeIds().equals(entry.liveNodeIds())) {
            out.add(CheckResult.fail(what, "node " + v.nodeId() + " sees live nodes " + v.liveNodeIds()
                    + ", the entry sees " + entry.liveNodeIds(), "the nodes do not form one cluster: check"
                    + " cluster.members, cluster.name and that cluster.port is open between the nodes"));
        } else {
            out.add(CheckResult.ok(what, "node " + v.nodeId() + ", same build and live nodes " + v.liveNodeIds()
                    + " as the entry"));
        }
    }

    private static void requireOk(HttpExchange.Response r, String fix) throws ProbeFailure {
        int s = r.head().status();
        if (s == 200) {
            return;
        }
        String answer = r.head().statusLine() + r.head().fromServer();
        if (s / 100 == 3) {
            throw new ProbeFailure(answer + " to " + r.head().header("location"),
                    "check with the address the redirect names (e.g. https://), or drop the redirect for /api");
        }
        if (s == 502 || s == 503 || s == 504) {
            throw new ProbeFailure(answer + ": the proxy cannot reach a node",
                    "check the nginx upstream servers (each node's local_port) and that the nodes run");
        }
        throw new ProbeFailure(answer, fix);
    }
}
