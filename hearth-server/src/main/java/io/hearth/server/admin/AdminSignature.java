package io.hearth.server.admin;

import io.hearth.protocol.ApiSignature;
import io.hearth.protocol.Status;
import io.hearth.server.transport.http.HttpCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * The reference's server API signature: headers {@code nonce}, {@code timestamp} (epoch ms) and {@code sign} =
 * lower-case hex SHA-1 of {@code nonce|secret|timestamp}. Checks in the reference's order: missing header or
 * non-numeric timestamp 239, older than 2 hours 243 (unless {@code http.admin.no_check_time}), mismatch 244.
 */
public final class AdminSignature {

    static final long MAX_AGE_MILLIS = 2 * 60 * 60 * 1000L;

    private final String secret;
    private final boolean noCheckTime;
    private final Clock clock;

    public AdminSignature(String secret, boolean noCheckTime, Clock clock) {
        this.secret = secret;
        this.noCheckTime = noCheckTime;
        this.clock = clock;
    }

    /** The status of the call's signature: {@link Status#SUCCESS} when it may proceed. */
    public Status check(HttpCall call) {
        String nonce = header(call, "nonce");
        String timestamp = header(call, "timestamp");
        String sign = header(call, "sign");
        if (nonce == null || timestamp == null || sign == null) {
            return Status.API_NOT_SIGNED;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Status.API_NOT_SIGNED;
        }
        if (!noCheckTime && clock.millis() - ts > MAX_AGE_MILLIS) {
            return Status.SIGN_EXPIRED;
        }
        byte[] expected = ApiSignature.sign(nonce, secret, timestamp).getBytes(StandardCharsets.US_ASCII);
        byte[] given = sign.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Status.SUCCESS : Status.AUTH_FAILURE;
    }

    /** Lower-case names first; the reference also accepts capitalised ones (HTTP headers are case-insensitive). */
    private static String header(HttpCall call, String name) {
        return call.header(name);
    }
}
