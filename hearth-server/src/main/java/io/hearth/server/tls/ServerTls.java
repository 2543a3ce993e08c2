package io.hearth.server.tls;

import io.hearth.server.config.ConfigException;
import io.hearth.server.config.HearthConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;

/**
 * Loads the key store of {@code jks_path} (JKS or PKCS12, recognised by content) into one Netty server
 * {@link SslContext} shared by the HTTPS, WSS and MQTT/TLS listeners. Every problem a deployment meets (missing
 * file, wrong password, no private key, an expired or not yet valid certificate) is a {@link ConfigException}
 * that names the key to fix, so the node refuses to start with one line instead of failing every handshake later.
 */
public final class ServerTls {

    private ServerTls() {
    }

    /** The server context, after checking the key store at {@code now}. */
    public static SslContext context(HearthConfig.Tls tls, Instant now) {
        KeyStore store = load(tls);
        String alias = keyAlias(store, tls);
        checkValidity(store, alias, tls, now);
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, tls.keyPassword().toCharArray());
            return SslContextBuilder.forServer(kmf)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (UnrecoverableKeyException e) {
            throw new ConfigException("cannot read the private key '" + alias + "' in " + tls.keyStore()
                    + ": wrong key_manager_password");
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot use the key store " + tls.keyStore() + " (jks_path): " + e.getMessage());
        }
    }

    private static KeyStore load(HearthConfig.Tls tls) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(tls.keyStore());
        } catch (NoSuchFileException e) {
            throw new ConfigException("jks_path " + tls.keyStore() + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("jks_path " + tls.keyStore() + ": cannot read: " + e.getMessage());
        }
        // a JKS file starts with 0xFEEDFEED; everything else is tried as PKCS12 (the JDK default since 9)
        String type = bytes.length >= 4 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xED
                && (bytes[2] & 0xff) == 0xFE && (bytes[3] & 0xff) == 0xED ? "JKS" : "PKCS12";
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, tls.storePassword().toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new ConfigException("cannot open the key store " + tls.keyStore()
                        + ": wrong key_store_password");
            }
            throw new ConfigException("jks_path " + tls.keyStore() + " is not a JKS or PKCS12 key store: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ConfigException("jks_path " + tls.keyStore() + ": " + e.getMessage());
        }
    }

    private static String keyAlias(KeyStore store, HearthConfig.Tls tls) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("jks_path " + tls.keyStore() + ": " + e.getMessage());
        }
        throw new ConfigException("the key store " + tls.keyStore() + " (jks_path) holds no private key;"
                + " import the key together with its certificate chain");
    }

    private static void checkValidity(KeyStore store, String alias, HearthConfig.Tls tls, Instant now) {
        Certificate[] chain;
        try {
            chain = store.getCertificateChain(alias);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("jks_path " + tls.keyStore() + ": " + e.getMessage());
        }
        if (chain == null || chain.length == 0) {
            throw new ConfigException("the key '" + alias + "' in " + tls.keyStore() + " has no certificate chain");
        }
        Date at = Date.from(now);
        for (Certificate c : chain) {
            if (c instanceof X509Certificate x) {
                String who = x.getSubjectX500Principal().getName();
                if (at.after(x.getNotAfter())) {
                    throw new ConfigException("the certificate '" + who + "' in " + tls.keyStore()
                            + " expired on " + x.getNotAfter().toInstant() + "; renew it and update jks_path");
                }
                if (at.before(x.getNotBefore())) {
                    throw new ConfigException("the certificate '" + who + "' in " + tls.keyStore()
                            + " is not valid before " + x.getNotBefore().toInstant() + " (check the clock)");
                }
            }
        }
    }
}
