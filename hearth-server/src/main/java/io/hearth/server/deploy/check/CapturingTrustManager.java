package io.hearth.server.deploy.check;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets every TLS handshake finish and records what a real client would have decided: the server's chain, whether
 * the chain is trusted, and whether it matches the host name (HTTPS endpoint identification, IP SANs included).
 * The host name is checked even for an untrusted chain, by trusting that chain's own top certificate. One instance
 * per connection; the handshake thread writes, the caller reads after the handshake.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager trusted;
    private volatile X509Certificate[] chain;
    private volatile CertificateException chainError;
    private volatile CertificateException hostError;

    CapturingTrustManager(X509ExtendedTrustManager trusted) {
        this.trusted = trusted;
    }

    X509Certificate[] chain() {
        return chain;
    }

    CertificateException chainError() {
        return chainError;
    }

    CertificateException hostError() {
        return hostError;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        inspect(chain, authType, tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        inspect(chain, authType, tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        inspect(chain, authType, null);
    }

    private interface IdentityCheck {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void inspect(X509Certificate[] chain, String authType, IdentityCheck identity) {
        this.chain = chain.clone();
        try {
            trusted.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            chainError = e;
        }
        if (identity == null) {
            return;
        }
        X509ExtendedTrustManager tm = trusted;
        try {
            if (chainError != null) {
                tm = TrustAnchors.anchoredAt(chain[chain.length - 1]);
                tm.checkServerTrusted(chain, authType);
            }
        } catch (GeneralSecurityException e) {
            return; // e.g. expired: the host name cannot be checked apart from the chain
        }
        try {
            identity.run(tm);
        } catch (CertificateException e) {
            hostError = e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a check never acts as a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a check never acts as a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a check never acts as a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trusted.getAcceptedIssuers();
    }
}
