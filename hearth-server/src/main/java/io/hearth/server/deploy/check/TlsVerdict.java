package io.hearth.server.deploy.check;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Turns what a {@link CapturingTrustManager} saw into one result: chain trust, host name, validity dates, and a
 * short description of the server certificate (subject, issuer, notAfter).
 */
final class TlsVerdict {

    static final Duration RENEW_SOON = Duration.ofDays(14);

    private TlsVerdict() {
    }

    static CheckResult of(String what, String host, CapturingTrustManager seen, Instant now, String certKeys) {
        X509Certificate[] chain = seen.chain();
        if (chain == null || chain.length == 0) {
            return CheckResult.fail(what, "the server sent no certificate", "configure a certificate: " + certKeys);
        }
        X509Certificate leaf = chain[0];
        String cert = describe(leaf);
        List<String> whys = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (now.isAfter(c.getNotAfter().toInstant())) {
                whys.add("certificate " + name(c.getSubjectX500Principal()) + " expired on " + day(c.getNotAfter().toInstant()));
                fixes.add("renew the certificate (" + certKeys + ") and restart or reload");
                break;
            }
            if (now.isBefore(c.getNotBefore().toInstant())) {
                whys.add("certificate " + name(c.getSubjectX500Principal()) + " is not valid before "
                        + day(c.getNotBefore().toInstant()));
                fixes.add("check the clocks (NTP) of this machine and the server, or the certificate's dates");
                break;
            }
        }
        if (whys.isEmpty() && seen.chainError() != null) {
            whys.add("the chain is not trusted (issuer " + name(leaf.getIssuerX500Principal()) + "): "
                    + lastPart(seen.chainError().getMessage()));
            fixes.add("serve the full chain (certificate + intermediates) from a CA clients trust (" + certKeys
                    + "), or pass --ca FILE when you use a private CA");
        }
        if (seen.hostError() != null) {
            whys.add("the certificate does not match " + host + " (it is for " + names(leaf) + ")");
            fixes.add("let clients use a name the certificate carries, or issue it with subjectAltName "
                    + (looksLikeIp(host) ? "IP:" : "DNS:") + host);
        }
        if (!whys.isEmpty()) {
            return CheckResult.fail(what, String.join("; ", whys) + " [" + cert + "]", String.join("; ", fixes));
        }
        Duration left = Duration.between(now, leaf.getNotAfter().toInstant());
        String note = left.compareTo(RENEW_SOON) < 0 ? "; note: expires in " + (left.toDays() >= 2
                ? left.toDays() + " days" : left.toHours() + " hours") + ", renew soon" : "";
        return CheckResult.ok(what, "trusted, matches " + host + " [" + cert + "]" + note);
    }

    static String describe(X509Certificate c) {
        return "subject " + name(c.getSubjectX500Principal()) + ", issuer " + name(c.getIssuerX500Principal())
                + ", notAfter " + c.getNotAfter().toInstant().truncatedTo(ChronoUnit.MINUTES);
    }

    /** The subject alternative names, e.g. {@code DNS:localhost, IP:127.0.0.1}, or the subject when none. */
    static String names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the subject
        }
        return out.isEmpty() ? name(c.getSubjectX500Principal()) + " without subjectAltName" : String.join(", ", out);
    }

    private static String name(X500Principal p) {
        return p.getName(X500Principal.RFC2253);
    }

    private static String day(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private static String lastPart(String message) {
        if (message == null) {
            return "not trusted";
        }
        int i = message.lastIndexOf(": ");
        return i < 0 ? message : message.substring(i + 2);
    }

    static boolean looksLikeIp(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }
}
