package io.hearth.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Hearth-Signature} header: {@code sha256=} and the lowercase hex HMAC-SHA256 of the exact body bytes
 * under {@code webhook.secret}. Thread-safe (a new {@link Mac} per call).
 */
public final class Signature {

    public static final String HEADER = "X-Hearth-Signature";

    private final SecretKeySpec key;

    /** {@code secret} empty: no signature. */
    public Signature(String secret) {
        this.key = secret.isEmpty() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Whether bodies are signed. */
    public boolean enabled() {
        return key != null;
    }

    /** The header value for {@code body}. */
    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
