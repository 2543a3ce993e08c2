package io.hearth.server.admin;

import io.hearth.server.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.admin.NonceLedger.Use;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalNonceLedgerTest {

    private static final long HOUR = 3_600_000;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    private Use use(NonceLedger ledger, long fingerprint, long expiresAt) {
        return ledger.firstUse(fingerprint, expiresAt).join();
    }

    @Test
    void aFingerprintIsFirstOnceAndAReplayUntilItExpires() {
        LocalNonceLedger ledger = new LocalNonceLedger(100, clock);
        long until = clock.now + 2 * HOUR;

        assertThat(use(ledger, 42, until)).isEqualTo(Use.FIRST);
        assertThat(use(ledger, 42, until)).isEqualTo(Use.REPLAY);
        clock.now = until; // the last moment the timestamp still passes the age check
        assertThat(use(ledger, 42, until)).isEqualTo(Use.REPLAY);
        assertThat(ledger.held()).isEqualTo(1);

        clock.now = until + LocalNonceLedger.BUCKET_MILLIS;
        assertThat(ledger.held()).isZero();
        assertThat(use(ledger, 42, clock.now + 2 * HOUR)).isEqualTo(Use.FIRST);
    }

    @Test
    void aReplayIsFoundWhateverExpiryItIsPresentedWith() {
        // with no_check_time the window is counted from each arrival, so the replay carries a later expiry
        LocalNonceLedger ledger = new LocalNonceLedger(100, clock);
        assertThat(use(ledger, 7, clock.now + 2 * HOUR)).isEqualTo(Use.FIRST);
        clock.now += HOUR;
        assertThat(use(ledger, 7, clock.now + 2 * HOUR)).isEqualTo(Use.REPLAY);
    }

    @Test
    void whenFullNewCallsAreRefusedButNothingIsForgottenAndExpiryMakesRoom() {
        LocalNonceLedger ledger = new LocalNonceLedger(3, clock);
        long early = clock.now + HOUR;
        long late = clock.now + 2 * HOUR;
        assertThat(use(ledger, 1, early)).isEqualTo(Use.FIRST);
        assertThat(use(ledger, 2, late)).isEqualTo(Use.FIRST);
        assertThat(use(ledger, 3, late)).isEqualTo(Use.FIRST);

        assertThat(use(ledger, 4, late)).isEqualTo(Use.FULL);
        assertThat(use(ledger, 1, early)).as("a replay stays a replay when full").isEqualTo(Use.REPLAY);
        assertThat(use(ledger, 4, late)).as("a refused call was not remembered").isEqualTo(Use.FULL);

        clock.now = early + LocalNonceLedger.BUCKET_MILLIS;
        assertThat(use(ledger, 4, late)).isEqualTo(Use.FIRST);
        assertThat(use(ledger, 2, late)).isEqualTo(Use.REPLAY);
        assertThat(ledger.held()).isEqualTo(3);
    }

    @Test
    void holdsManyFingerprintsAcrossMinutesWithoutLosingOne() {
        LocalNonceLedger ledger = new LocalNonceLedger(200_000, clock);
        Random random = new Random(1);
        long[] fps = new long[100_000];
        for (int i = 0; i < fps.length; i++) {
            fps[i] = random.nextLong();
            assertThat(use(ledger, fps[i], clock.now + random.nextInt((int) (2 * HOUR)))).isEqualTo(Use.FIRST);
        }
        for (long fp : fps) {
            assertThat(use(ledger, fp, clock.now + HOUR)).isEqualTo(Use.REPLAY);
        }
        assertThat(use(ledger, 0, clock.now + HOUR)).isEqualTo(Use.FIRST);
        assertThat(ledger.held()).isEqualTo(100_001);
    }
}
