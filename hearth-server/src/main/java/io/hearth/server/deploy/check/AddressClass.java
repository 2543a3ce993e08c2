package io.hearth.server.deploy.check;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where an address can be reached from: only this machine (loopback, unspecified), a private network (RFC 1918,
 * carrier-grade NAT, IPv6 unique local), one link (link-local), or the internet (public).
 */
enum AddressClass {
    LOOPBACK("loopback"),
    UNSPECIFIED("unspecified"),
    LINK_LOCAL("link-local"),
    PRIVATE("private"),
    PUBLIC("public");

    private final String label;

    AddressClass(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean reachableFromInternet() {
        return this == PUBLIC;
    }

    static AddressClass of(InetAddress a) {
        byte[] b = a.getAddress();
        if (a.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (a.isAnyLocalAddress() || (b.length == 4 && b[0] == 0)) {
            return UNSPECIFIED;
        }
        if (a.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (a.isSiteLocalAddress()) {
            return PRIVATE;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b.length == 4 && b0 == 100 && (b1 & 0xc0) == 64) {
            return PRIVATE; // 100.64.0.0/10, carrier-grade NAT
        }
        if (a instanceof Inet6Address && (b0 & 0xfe) == 0xfc) {
            return PRIVATE; // fc00::/7, unique local
        }
        return PUBLIC;
    }

    /**
     * The class of a host as advertised: {@code localhost} (and {@code *.localhost}) is loopback without asking DNS,
     * an IP literal is classified as it is, a name by the first of its addresses that is not public (or public).
     */
    static AddressClass ofHost(String host) throws UnknownHostException {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return LOOPBACK;
        }
        AddressClass worst = PUBLIC;
        for (InetAddress a : InetAddress.getAllByName(stripBrackets(host))) {
            AddressClass c = of(a);
            if (c.ordinal() < worst.ordinal()) {
                worst = c;
            }
        }
        return worst;
    }

    /** Whether clients on the internet can reach {@code host}: at least one of its addresses is public. */
    static boolean isPublic(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return false;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(stripBrackets(host))) {
                if (of(a) == PUBLIC) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
