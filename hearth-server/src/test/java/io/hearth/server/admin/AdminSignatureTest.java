package io.hearth.server.admin;

import io.hearth.server.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.ApiSignature;
import io.hearth.protocol.Status;
import io.hearth.server.transport.http.HttpCall;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class AdminSignatureTest {

    private static final String SECRET = "s3cret";
    private static final long TWO_HOURS = 2 * 3_600_000L;
    private static final long SKEW = 300_000;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final AdminSignature strict = new AdminSignature(SECRET, false, SKEW, clock);

    private static HttpCall signed(String nonce, long ts, String secret) {
        String t = Long.toString(ts);
        return call(nonce, t, ApiSignature.sign(nonce, secret, t));
    }

    private static HttpCall call(String nonce, String ts, String sign) {
        HttpHeaders h = new DefaultHttpHeaders().add("nonce", nonce).add("timestamp", ts).add("sign", sign);
        return new HttpCall("POST", "/admin/user/get_info", null, h, new byte[0], null, Runnable::run);
    }

    @Test
    void aTimestampWithinTheSkewPassesAndOneBeyondIs243() {
        assertThat(strict.check(signed("a", clock.now + SKEW, SECRET)).status()).isEqualTo(Status.SUCCESS);

        AdminSignature.Checked future = strict.check(signed("a", clock.now + SKEW + 1, SECRET));
        assertThat(future.status()).isEqualTo(Status.SIGN_EXPIRED);
        assertThat(future.message()).isEqualTo("sign expired: timestamp is in the future");

        long tenYears = 10L * 365 * 24 * 3_600_000;
        assertThat(strict.check(signed("a", clock.now + tenYears, SECRET)).status()).isEqualTo(Status.SIGN_EXPIRED);
    }

    @Test
    void theReferenceChecksKeepTheirCodes() {
        assertThat(strict.check(signed("a", clock.now - TWO_HOURS, SECRET)).status()).isEqualTo(Status.SUCCESS);
        assertThat(strict.check(signed("a", clock.now - TWO_HOURS - 1, SECRET)).status())
                .isEqualTo(Status.SIGN_EXPIRED);
        assertThat(strict.check(signed("a", clock.now, "wrong")).status()).isEqualTo(Status.AUTH_FAILURE);
        assertThat(strict.check(call("a", "soon", "x")).status()).isEqualTo(Status.API_NOT_SIGNED);
    }

    @Test
    void aCallIsRememberedUntilItsTimestampWouldBeTooOld() {
        AdminSignature.Checked ok = strict.check(signed("a", clock.now - 1000, SECRET));

        assertThat(ok.rememberUntil()).isEqualTo(clock.now - 1000 + TWO_HOURS);
    }

    @Test
    void withNoCheckTimeAnyTimestampPassesAndIsRememberedForTwoHoursFromNow() {
        AdminSignature lenient = new AdminSignature(SECRET, true, SKEW, clock);

        AdminSignature.Checked old = lenient.check(signed("a", 1_558_350_862_502L, SECRET));
        AdminSignature.Checked future = lenient.check(signed("b", clock.now + 10 * TWO_HOURS, SECRET));

        assertThat(old.status()).isEqualTo(Status.SUCCESS);
        assertThat(future.status()).isEqualTo(Status.SUCCESS);
        assertThat(old.rememberUntil()).isEqualTo(clock.now + TWO_HOURS);
    }

    @Test
    void theFingerprintIdentifiesNonceAndTimestampNotTheSpellingOfTheSign() {
        String ts = Long.toString(clock.now);
        String sign = ApiSignature.sign("n", SECRET, ts);

        long lower = strict.check(call("n", ts, sign)).fingerprint();
        long upper = strict.check(call("n", ts, sign.toUpperCase())).fingerprint();
        long otherNonce = strict.check(signed("m", clock.now, SECRET)).fingerprint();
        long otherTime = strict.check(signed("n", clock.now + 1, SECRET)).fingerprint();

        assertThat(upper).isEqualTo(lower);
        assertThat(otherNonce).isNotEqualTo(lower);
        assertThat(otherTime).isNotEqualTo(lower);
    }
}
