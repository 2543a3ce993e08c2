package io.hearth.server.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What {@code GET /api/version} says about a node: build, commit, its node id and the live node ids it sees. */
record VersionInfo(String version, String commit, int nodeId, List<Integer> liveNodeIds) {

    static final ObjectMapper JSON = new ObjectMapper();

    static VersionInfo parse(byte[] body, String fix) throws ProbeFailure {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new ProbeFailure("HTTP 200 but not JSON (\"" + HttpExchange.printable(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8)) + "\"): not a Hearth node", fix);
        }
        if (!n.path("nodeId").isInt() || !n.has("nodeIds") || !n.path("liveNodeIds").isArray()) {
            throw new ProbeFailure("JSON without nodeId/nodeIds/liveNodeIds: not a Hearth node", fix);
        }
        List<Integer> live = new ArrayList<>();
        n.path("liveNodeIds").forEach(id -> live.add(id.asInt()));
        live.sort(null);
        String commit = n.path("commitIdAbbrev").asText(n.path("commitId").asText("unknown"));
        return new VersionInfo(n.path("version").asText("unknown"), commit, n.path("nodeId").asInt(),
                List.copyOf(live));
    }

    boolean sameBuild(VersionInfo other) {
        return version.equals(other.version) && commit.equals(other.commit);
    }

    String build() {
        return "Hearth " + version + " (commit " + commit + ")";
    }
}
