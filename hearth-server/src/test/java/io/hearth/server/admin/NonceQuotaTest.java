package io.hearth.server.admin;

import io.hearth.server.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceQuotaTest {

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void placesAreTakenGivenBackAndFreedByExpiry() {
        NonceQuota quota = new NonceQuota(2, clock);
        long soon = clock.now + 60_000;
        long later = clock.now + 7_200_000;

        assertThat(quota.reserve(soon)).isTrue();
        assertThat(quota.reserve(later)).isTrue();
        assertThat(quota.reserve(later)).isFalse();

        quota.release(later);
        assertThat(quota.held()).isEqualTo(1);
        assertThat(quota.reserve(later)).isTrue();

        clock.now = soon + LocalNonceLedger.BUCKET_MILLIS;
        assertThat(quota.held()).isEqualTo(1);
        quota.release(soon); // expired meanwhile: nothing to give back
        assertThat(quota.held()).isEqualTo(1);
        assertThat(quota.reserve(later)).isTrue();
        assertThat(quota.reserve(later)).isFalse();
    }
}
