package io.hearth.server.deploy.nginx;

/** Builds nginx configuration text: one directive per line, blocks indented by four spaces. */
final class ConfText {

    private final StringBuilder out = new StringBuilder();
    private int depth;

    ConfText line(String text) {
        if (!text.isEmpty()) {
            out.append("    ".repeat(depth)).append(text);
        }
        out.append('\n');
        return this;
    }

    ConfText open(String head) {
        line(head + " {");
        depth++;
        return this;
    }

    ConfText close() {
        depth--;
        return line("}");
    }

    String text() {
        return out.toString();
    }
}
