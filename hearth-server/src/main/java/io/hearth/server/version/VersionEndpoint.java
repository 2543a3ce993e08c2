package io.hearth.server.version;

import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /api/version}: build version, commit and times (from the git properties written at build time),
 * this node's id and the live node ids ({@code nodeIds}, space-separated as in the reference, and
 * {@code liveNodeIds} as an array). Deployment checks use it as the reachability probe.
 */
public final class VersionEndpoint {

    private final Map<String, String> build;
    private final int nodeId;
    private final Supplier<List<Integer>> liveNodes;
    private final Clock clock;
    private final long startedAt;

    public VersionEndpoint(int nodeId, Supplier<List<Integer>> liveNodes, Clock clock) {
        this.build = loadBuildInfo();
        this.nodeId = nodeId;
        this.liveNodes = liveNodes;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    public CompletableFuture<HttpResult> handle(HttpCall call) {
        Map<String, Object> out = new LinkedHashMap<>(build);
        List<Integer> live = liveNodes.get();
        out.put("nodeId", nodeId);
        out.put("nodeIds", live.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        out.put("liveNodeIds", live);
        out.put("runTime", clock.millis() - startedAt);
        return CompletableFuture.completedFuture(HttpResult.json(200, out));
    }

    private static Map<String, String> loadBuildInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = VersionEndpoint.class.getResourceAsStream("/hearth-git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through: unknown build
        }
        info.put("version", p.getProperty("git.build.version", "unknown"));
        info.put("commitId", p.getProperty("git.commit.id.full", p.getProperty("git.commit.id", "unknown")));
        info.put("commitIdAbbrev", p.getProperty("git.commit.id.abbrev", "unknown"));
        info.put("commitTime", p.getProperty("git.commit.time", "unknown"));
        info.put("buildTime", p.getProperty("git.build.time", "unknown"));
        info.put("branch", p.getProperty("git.branch", "unknown"));
        info.put("dirty", p.getProperty("git.dirty", "unknown"));
        return info;
    }
}
