package io.hearth.server.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code GET /api/nodes}: where clients are told to reach a node. A port is -1 when not advertised.
 */
record AdvertisedNode(int nodeId, String host, int longPort, int shortPort, int sslPort, String wsHost, int wsPort,
                      int wssPort, List<Backup> backups, boolean draining) {

    /** A {@code server.backup_address} entry: another way to the same node. */
    record Backup(String host, int shortPort, int longPort, int wsPort) {
    }

    /** The nodes of an {@code /api/nodes} answer, sorted by node id as sent. */
    static List<AdvertisedNode> parseList(byte[] body, String fix) throws ProbeFailure {
        JsonNode root;
        try {
            root = VersionInfo.JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("result").path("nodes").isArray()) {
            throw new ProbeFailure("the answer has no result.nodes list: not a Hearth node", fix);
        }
        List<AdvertisedNode> nodes = new ArrayList<>();
        for (JsonNode n : root.path("result").path("nodes")) {
            nodes.add(parse(n));
        }
        return nodes;
    }

    static AdvertisedNode parse(JsonNode n) {
        String host = n.path("host").asText("");
        List<Backup> backups = new ArrayList<>();
        for (JsonNode b : n.path("backupAddresses")) {
            backups.add(new Backup(b.path("host").asText(""), port(b, "shortPort"), port(b, "longPort"),
                    port(b, "wsPort")));
        }
        return new AdvertisedNode(n.path("nodeId").asInt(), host, port(n, "longPort"), port(n, "shortPort"),
                port(n, "sslPort"), n.path("wsHost").asText(host), port(n, "wsPort"), port(n, "wssPort"),
                List.copyOf(backups), n.path("draining").asBoolean(false));
    }

    private static int port(JsonNode n, String field) {
        return n.path(field).isInt() ? n.path(field).asInt() : -1;
    }
}
