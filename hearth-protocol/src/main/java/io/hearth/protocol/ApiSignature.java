package io.hearth.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The signature of the server, robot and channel APIs (the reference's): lower-case hex SHA-1 of
 * {@code nonce + "|" + secret + "|" + timestamp}, sent in the {@code sign} header. Shared by the server, which
 * checks it, and the SDK, which sends it. Stateless.
 */
public final class ApiSignature {

    private ApiSignature() {
    }

    public static String sign(String nonce, String secret, String timestamp) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((nonce + "|" + secret + "|" + timestamp).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
