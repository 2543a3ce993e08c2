package io.hearth.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: one CA, and server certificates it signs for the host names and IP
 * addresses a test connects to, written as PKCS12 or JKS key stores (for {@code jks_path}) and PEM files (for nginx
 * and for clients' trust). Clients built from {@link #clientContext()} verify the chain against this CA only.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(Path dir, KeyPair caKeys, X509Certificate ca) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA "Hearth Test CA", valid from an hour ago for a day; files go to {@code dir}. */
    public static TestPki create(Path dir) {
        try {
            KeyPair keys = ecKeys();
            X500Name name = new X500Name("CN=Hearth Test CA " + SERIAL.incrementAndGet());
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(b, keys.getPrivate());
            TestPki pki = new TestPki(dir, keys, ca);
            Files.createDirectories(dir);
            Files.writeString(pki.caPem(), pem(ca), StandardCharsets.US_ASCII);
            return pki;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the test CA", e);
        }
    }

    /** The CA certificate as PEM (what clients trust). */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** A trust store holding only this CA. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("hearth-test-ca", ca);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts this CA only (host names are checked by whoever uses it). */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for {@code names} (DNS names or IP literals), valid from an hour ago for a day. */
    public Server server(String name, String... names) {
        Instant now = Instant.now();
        return server(name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), names);
    }

    /** A server certificate with an explicit validity window (an expired one for negative tests). */
    public Server server(String name, Instant notBefore, Instant notAfter, String... names) {
        try {
            KeyPair keys = ecKeys();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore),
                    Date.from(notAfter), new X500Name("CN=" + names[0]), keys.getPublic());
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                sans.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(GeneralName[]::new)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = sign(b, caKeys.getPrivate());
            return new Server(dir.resolve(name), keys.getPrivate(), cert, ca);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** One issued server certificate with its key; the writers return the file they wrote. */
    public static final class Server {

        private final Path base;
        private final PrivateKey key;
        private final X509Certificate cert;
        private final X509Certificate ca;

        private Server(Path base, PrivateKey key, X509Certificate cert, X509Certificate ca) {
            this.base = base;
            this.key = key;
            this.cert = cert;
            this.ca = ca;
        }

        public X509Certificate certificate() {
            return cert;
        }

        /** A PKCS12 key store (alias "hearth") with the key, the certificate and the CA. */
        public Path pkcs12(String password) {
            return store("PKCS12", base + ".p12", password, password);
        }

        /** A JKS key store; the key may have its own password ({@code key_manager_password}). */
        public Path jks(String storePassword, String keyPassword) {
            return store("JKS", base + ".jks", storePassword, keyPassword);
        }

        /** Certificate chain (leaf, then CA) as PEM, for nginx {@code ssl_certificate}. */
        public Path chainPem() {
            return write(base + "-chain.pem", pem(cert) + pem(ca));
        }

        /** The private key as PEM (PKCS#8), for nginx {@code ssl_certificate_key}. */
        public Path keyPem() {
            // PKCS#8 written out: JcaPEMWriter writes an EC key as SEC1 without its curve, which OpenSSL rejects
            return write(base + "-key.pem", "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        }

        /** base64(sha256(SubjectPublicKeyInfo)), what Chromium's --ignore-certificate-errors-spki-list takes. */
        public String spkiSha256() {
            try {
                return Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private Path store(String type, String file, String storePassword, String keyPassword) {
            try {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(null, null);
                ks.setKeyEntry("hearth", key, keyPassword.toCharArray(), new java.security.cert.Certificate[] {cert, ca});
                Path p = Path.of(file);
                try (OutputStream out = Files.newOutputStream(p)) {
                    ks.store(out, storePassword.toCharArray());
                }
                return p;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot write " + file, e);
            }
        }

        private static Path write(String file, String text) {
            try {
                return Files.writeString(Path.of(file), text, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
        try {
            ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
            return new JcaX509CertificateConverter().getCertificate(b.build(s));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static boolean isIp(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
