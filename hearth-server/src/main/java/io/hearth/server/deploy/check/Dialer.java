package io.hearth.server.deploy.check;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Opens the connections the probes talk over, plain or TLS, with the check's timeout for the connect and for every
 * read, and explains a failure to connect in the operator's terms (refused, dropped, unknown host, not TLS).
 */
final class Dialer {

    private final int timeoutMillis;
    private final X509ExtendedTrustManager trust;

    Dialer(Duration timeout, X509ExtendedTrustManager trust) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.trust = trust;
    }

    /** A TLS connection whose handshake finished, and what its certificate check saw. */
    record TlsSocket(SSLSocket socket, CapturingTrustManager seen) {
    }

    Socket plain(Target t) throws ProbeFailure {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(AddressClass.stripBrackets(t.host()), t.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            throw connectFailure(t, e);
        }
    }

    TlsSocket tls(Target t) throws ProbeFailure {
        Socket raw = plain(t);
        CapturingTrustManager seen = new CapturingTrustManager(trust);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {seen}, null);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw,
                    AddressClass.stripBrackets(t.host()), t.port(), true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            return new TlsSocket(s, seen);
        } catch (GeneralSecurityException e) {
            closeQuietly(raw);
            throw new IllegalStateException("no TLS in this JVM", e);
        } catch (IOException e) {
            closeQuietly(raw);
            throw handshakeFailure(t, e);
        }
    }

    static ProbeFailure connectFailure(Target t, IOException e) {
        if (e instanceof UnknownHostException) {
            return new ProbeFailure("host " + t.host() + " does not resolve",
                    "add a DNS record for " + t.host() + " or advertise an IP address");
        }
        if (e instanceof ConnectException) {
            return new ProbeFailure("nothing listens on " + t + " (connection refused)",
                    "open the port in the firewall / check " + t.keys());
        }
        if (e instanceof SocketTimeoutException) {
            return new ProbeFailure("no answer to a TCP connect to " + t + " within the timeout (packets dropped)",
                    "open the port in the firewall / check that " + t.host() + " is the right address and "
                    + t.keys());
        }
        if (e instanceof NoRouteToHostException) {
            return new ProbeFailure("no route to " + t.host(), "check the address and the firewall / routing");
        }
        return new ProbeFailure("cannot connect to " + t + ": " + e, "check " + t.keys());
    }

    private static ProbeFailure handshakeFailure(Target t, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof SocketTimeoutException) {
            return new ProbeFailure("no TLS answer from " + t + " within the timeout",
                    t + " may not be a TLS port: check " + t.keys());
        }
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
            return new ProbeFailure(t + " answers without TLS", t + " must be the TLS port: check " + t.keys()
                    + " (nginx: `listen ... ssl`)");
        }
        if (e instanceof EOFException || e instanceof SocketException || m.contains("terminated the handshake")) {
            return new ProbeFailure(t + " closed the connection during the TLS handshake (" + m + ")",
                    "check that " + t + " is a TLS port (" + t.keys() + ") and its key store (jks_path,"
                    + " key_store_password) or nginx ssl_certificate");
        }
        if (e instanceof SSLException) {
            return new ProbeFailure("TLS handshake with " + t + " failed: " + m,
                    "check the TLS setup of " + t.keys());
        }
        return new ProbeFailure("TLS handshake with " + t + " failed: " + e, "check " + t.keys());
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a probe connection: nothing to report
        }
    }
}
