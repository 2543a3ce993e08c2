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
 * non-numeric timestamp 239; older than 2 hours, or more than the allowed clock skew in the future, 243 (neither
 * when {@code http.admin.no_check_time}); mismatch 244. A call that passes carries what the {@link NonceLedger}
 * needs to refuse its replay: a fingerprint of the verified signature and the moment until which to remember it.
 * Pure and thread-safe.
 */
public final class AdminSignature {

    public static final long MAX_AGE_MILLIS = 2 * 60 * 60 * 1000L;

    /**
     * The result of the check. {@code reason} is a short tag for the refusal metric ("ok" when it passed);
     * {@code fingerprint} and {@code rememberUntil} are meaningful only when {@link #passed()}.
     */
    public record Checked(Status status, String message, String reason, long fingerprint, long rememberUntil) {

        public boolean passed() {
            return status == Status.SUCCESS;
        }

        static Checked refused(Status status, String message, String reason) {
            return new Checked(status, message, reason, 0, 0);
        }
    }

    private final String secret;
    private final boolean noCheckTime;
    private final long maxSkewMillis;
    private final Clock clock;

    /** {@code maxSkewMillis}: how far in the future a timestamp may lie (the caller's clock running ahead). */
    public AdminSignature(String secret, boolean noCheckTime, long maxSkewMillis, Clock clock) {
        this.secret = secret;
        this.noCheckTime = noCheckTime;
        this.maxSkewMillis = maxSkewMillis;
        this.clock = clock;
    }

    public Checked check(HttpCall call) {
        String nonce = call.header("nonce");
        String timestamp = call.header("timestamp");
        String sign = call.header("sign");
        if (nonce == null || timestamp == null || sign == null) {
            return Checked.refused(Status.API_NOT_SIGNED, Status.API_NOT_SIGNED.message(), "unsigned");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Checked.refused(Status.API_NOT_SIGNED, Status.API_NOT_SIGNED.message(), "unsigned");
        }
        long now = clock.millis();
        if (!noCheckTime && now - ts > MAX_AGE_MILLIS) {
            return Checked.refused(Status.SIGN_EXPIRED, Status.SIGN_EXPIRED.message(), "expired");
        }
        if (!noCheckTime && ts - now > maxSkewMillis) {
            return Checked.refused(Status.SIGN_EXPIRED, "sign expired: timestamp is in the future", "future");
        }
        String expectedHex = ApiSignature.sign(nonce, secret, timestamp);
        byte[] expected = expectedHex.getBytes(StandardCharsets.US_ASCII);
        byte[] given = sign.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Checked.refused(Status.AUTH_FAILURE, Status.AUTH_FAILURE.message(), "bad_sign");
        }
        // the expected sign, not the given one: "ABC…" and "abc…" are the same call
        long fingerprint = Long.parseUnsignedLong(expectedHex.substring(0, 16), 16);
        long until = noCheckTime ? now + MAX_AGE_MILLIS : ts + MAX_AGE_MILLIS;
        return new Checked(Status.SUCCESS, Status.SUCCESS.message(), "ok", fingerprint, until);
    }
}
