package io.hearth.server.deploy.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The trust managers a check verifies certificates with: the JDK's trust store, or the CAs of a PEM file. */
final class TrustAnchors {

    private TrustAnchors() {
    }

    /** The JDK's default trust store when {@code caFile} is null, else exactly the certificates in the PEM file. */
    static X509ExtendedTrustManager load(Path caFile) throws IOException, GeneralSecurityException {
        if (caFile == null) {
            return trustManager(null);
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + caFile);
        }
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate c : certs) {
            store.setCertificateEntry("ca" + i++, c);
        }
        return trustManager(store);
    }

    /** A trust manager whose only anchor is {@code anchor}: to check the host name of an untrusted chain. */
    static X509ExtendedTrustManager anchoredAt(X509Certificate anchor) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("anchor", anchor);
        return trustManager(store);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
