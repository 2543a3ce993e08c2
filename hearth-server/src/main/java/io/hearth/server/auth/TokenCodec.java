package io.hearth.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies client tokens: {@code v1.<base64url body>.<base64url HMAC-SHA256(token.key, body)>}. The body
 * holds user id, client id, platform, session generation, issue and expiry times. Thread-safe.
 */
public final class TokenCodec {

    private static final String PREFIX = "v1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public TokenCodec(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String encode(Token t) {
        byte[] user = t.userId().getBytes(StandardCharsets.UTF_8);
        byte[] client = t.clientId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(4 + user.length + 4 + client.length + 4 + 8 * 3);
        body.putInt(user.length).put(user).putInt(client.length).put(client)
                .putInt(t.platform()).putLong(t.generation()).putLong(t.issuedAt()).putLong(t.expiresAt());
        byte[] bytes = body.array();
        return PREFIX + B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    /** The token's claims, or empty when it is malformed or its signature does not match. Expiry is not checked. */
    public Optional<Token> decode(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] body = B64D.decode(token.substring(PREFIX.length(), dot));
            byte[] sig = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sig, mac(body))) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(body);
            String user = readString(b);
            String client = readString(b);
            return Optional.of(new Token(user, client, b.getInt(), b.getLong(), b.getLong(), b.getLong()));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    private static String readString(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
