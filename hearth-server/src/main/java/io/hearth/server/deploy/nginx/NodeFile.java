package io.hearth.server.deploy.nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the node file a human writes for {@code hearth nginx}: one node per line,
 * {@code <node_id> <host> [key=value]...}, {@code #} starts a comment. {@code host} is the address nginx reaches
 * the node by. Keys, all optional: {@code port} (1883), {@code local_port} (80), {@code websocket_port} (8083),
 * {@code ssl_port} (disabled), each port also {@code disabled}; {@code public} (the node's own client-facing address
 * in direct mode; default {@code host}). Every error names the file and line.
 */
public final class NodeFile {

    private static final Set<String> KEYS = Set.of("port", "local_port", "websocket_port", "ssl_port", "public");

    private NodeFile() {
    }

    public static List<Node> read(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new NodeListException(file + ": cannot read the node file: " + e.getMessage(), e);
        }
    }

    /** Parses {@code lines}; {@code source} names them in errors. */
    public static List<Node> parse(String source, List<String> lines) {
        List<Node> nodes = new ArrayList<>();
        Map<Integer, Integer> lineOfNode = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = source + ":" + (i + 1) + ": ";
            String text = lines.get(i);
            int hash = text.indexOf('#');
            String[] words = (hash >= 0 ? text.substring(0, hash) : text).trim().split("\\s+");
            if (words.length == 1 && words[0].isEmpty()) {
                continue;
            }
            Node node;
            try {
                node = node(words);
            } catch (IllegalArgumentException e) {
                throw new NodeListException(where + e.getMessage());
            }
            Integer previous = lineOfNode.putIfAbsent(node.nodeId(), i + 1);
            if (previous != null) {
                throw new NodeListException(where + "node_id " + node.nodeId() + " is already on line " + previous);
            }
            nodes.add(node);
        }
        if (nodes.isEmpty()) {
            throw new NodeListException(source + ": no nodes (one per line: <node_id> <host> [key=value]...)");
        }
        return List.copyOf(nodes);
    }

    private static Node node(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("expected '<node_id> <host> [key=value]...', got '"
                    + String.join(" ", words) + "'");
        }
        int nodeId = integer("node_id", words[0]);
        Map<String, String> values = new HashMap<>();
        for (int w = 2; w < words.length; w++) {
            int eq = words[w].indexOf('=');
            String key = eq > 0 ? words[w].substring(0, eq) : words[w];
            if (eq <= 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("'" + words[w] + "' is not key=value with a key of "
                        + "port, local_port, websocket_port, ssl_port, public");
            }
            if (values.put(key, words[w].substring(eq + 1)) != null) {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        String host = words[1];
        return new Node(nodeId, host, values.getOrDefault("public", host),
                port("port", values.getOrDefault("port", "1883")),
                integer("local_port", values.getOrDefault("local_port", "80")),
                port("websocket_port", values.getOrDefault("websocket_port", "8083")),
                port("ssl_port", values.getOrDefault("ssl_port", "disabled")));
    }

    private static int port(String key, String value) {
        return "disabled".equals(value) ? Node.DISABLED : integer(key, value);
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a number");
        }
    }
}
