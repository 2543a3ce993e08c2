package io.hearth.server.deploy.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What to check: the entry {@code address} clients use ({@code http://} or {@code https://}, default port 80/443),
 * nodes' own HTTP addresses to compare with it, a CA file (PEM) to trust instead of the JDK's trust store, the
 * timeout of every step, and whether advertised addresses must be public even when the entry is not.
 */
public record CheckOptions(URI address, List<URI> nodes, Path ca, Duration timeout, boolean expectPublic) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public CheckOptions {
        address = parseAddress(address.toString());
        nodes = nodes.stream().map(n -> parseAddress(n.toString())).toList();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
    }

    public static CheckOptions of(String address) {
        return new CheckOptions(URI.create(address), List.of(), null, DEFAULT_TIMEOUT, false);
    }

    public CheckOptions withNodes(List<URI> nodes) {
        return new CheckOptions(address, nodes, ca, timeout, expectPublic);
    }

    public CheckOptions withCa(Path ca) {
        return new CheckOptions(address, nodes, ca, timeout, expectPublic);
    }

    public CheckOptions withTimeout(Duration timeout) {
        return new CheckOptions(address, nodes, ca, timeout, expectPublic);
    }

    public CheckOptions withExpectPublic(boolean expectPublic) {
        return new CheckOptions(address, nodes, ca, timeout, expectPublic);
    }

    /**
     * {@code http://host[:port]} or {@code https://host[:port]}, with at most "/" as path; a bare
     * {@code host[:port]} means http. {@link IllegalArgumentException} with the reason otherwise.
     */
    static URI parseAddress(String text) {
        String s = text.contains("://") ? text : "http://" + text;
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the address must start with http:// or https://: " + text);
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("no host in " + text);
        }
        if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")
                || u.getRawQuery() != null) {
            throw new IllegalArgumentException("give the entry address without a path: " + text);
        }
        return URI.create(scheme + "://" + u.getRawAuthority());
    }

    static boolean isTls(URI u) {
        return u.getScheme().equals("https");
    }

    static int portOf(URI u) {
        return u.getPort() >= 0 ? u.getPort() : isTls(u) ? 443 : 80;
    }
}
