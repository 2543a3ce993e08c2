package io.hearth.client.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The server API signature: lowercase hex SHA-1 of {@code nonce + "|" + secret + "|" + timestamp}. Stateless. */
public final class ApiSignature {

    private ApiSignature() {
    }

    public static String sign(String nonce, long timestamp, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((nonce + "|" + secret + "|" + timestamp).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
