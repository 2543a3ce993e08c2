package io.hearth.server.deploy.nginx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * A parsed nginx block for assertions: its head ({@code server}, {@code location ^~ /admin}), its directives
 * (without the {@code ;}) and its child blocks. Parses the generator's one-directive-per-line output; the real
 * syntax check is {@code nginx -t} in {@link NginxConfigIT}.
 */
record Block(String head, List<String> directives, List<Block> children) {

    static Block parse(String text) {
        Deque<Block> open = new ArrayDeque<>();
        open.push(new Block("main", new ArrayList<>(), new ArrayList<>()));
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("{")) {
                Block b = new Block(line.substring(0, line.length() - 1).strip(), new ArrayList<>(), new ArrayList<>());
                open.peek().children().add(b);
                open.push(b);
            } else if (line.equals("}")) {
                open.pop();
                if (open.isEmpty()) {
                    throw new IllegalStateException("unbalanced }");
                }
            } else if (line.endsWith(";")) {
                open.peek().directives().add(line.substring(0, line.length() - 1));
            } else {
                throw new IllegalStateException("not a directive: " + line);
            }
        }
        if (open.size() != 1) {
            throw new IllegalStateException(open.size() - 1 + " block(s) not closed");
        }
        return open.pop();
    }

    List<Block> blocks(String head) {
        return children.stream().filter(b -> b.head.equals(head) || b.head.startsWith(head + " ")).toList();
    }

    Block block(String head) {
        List<Block> found = blocks(head);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " blocks " + head + " in " + this.head);
        }
        return found.get(0);
    }

    /** Every block below this one, this one included. */
    Stream<Block> all() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(Block::all));
    }

    /** Values of directive {@code name} here, e.g. {@code listen} → ["80", "443 ssl"]. */
    List<String> values(String name) {
        return directives.stream().filter(d -> d.startsWith(name + " ")).map(d -> d.substring(name.length() + 1))
                .toList();
    }
}
