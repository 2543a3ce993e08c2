package io.hearth.server.deploy.nginx;

/**
 * How the generated file makes nginx's stream module available (single-entry mode only): Debian's
 * {@code include /etc/nginx/modules-enabled/*.conf;} (package libnginx-mod-stream), {@code load_module PATH;}, or
 * nothing when the module is built in.
 */
public record StreamModule(String directive) {

    public static final StreamModule DEBIAN = new StreamModule("include /etc/nginx/modules-enabled/*.conf;");
    public static final StreamModule BUILT_IN = new StreamModule("");

    /** {@code debian}, {@code none} (built in) or the path of {@code ngx_stream_module.so}. */
    public static StreamModule parse(String text) {
        if ("debian".equals(text)) {
            return DEBIAN;
        }
        if ("none".equals(text)) {
            return BUILT_IN;
        }
        if (text.isBlank() || text.chars().anyMatch(c -> c == ';' || c == '{' || c == '}' || c == '"'
                || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("stream module '" + text + "' is not debian, none or a module path");
        }
        return new StreamModule("load_module " + text + ";");
    }
}
