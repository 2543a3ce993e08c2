package io.hearth.server.deploy.nginx;

/** The PEM certificate chain and private key nginx terminates TLS with, as paths nginx reads. */
public record Tls(String certificate, String key) {

    public Tls {
        checkPath("certificate", certificate);
        checkPath("key", key);
    }

    private static void checkPath(String what, String path) {
        if (path == null || path.isBlank() || path.chars().anyMatch(c -> c == ';' || c == '"' || c == '\''
                || c == '{' || c == '}' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("TLS " + what + " path '" + path
                    + "' is empty or has a space, quote, brace or ';'");
        }
    }
}
