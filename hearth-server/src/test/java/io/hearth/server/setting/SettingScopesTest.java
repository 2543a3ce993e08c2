package io.hearth.server.setting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import org.junit.jupiter.api.Test;

class SettingScopesTest {

    @Test
    void builtInAndCustomScopesPass() {
        assertThat(SettingScopes.check(1)).isEqualTo(1);
        assertThat(SettingScopes.check(28)).isEqualTo(28);
        assertThat(SettingScopes.check(1000)).isEqualTo(1000);
        assertThat(SettingScopes.check(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void everythingElseIs251() {
        for (int scope : new int[] {0, -1, 29, 500, 999}) {
            assertThatThrownBy(() -> SettingScopes.check(scope)).as("scope %d", scope)
                    .isInstanceOfSatisfying(StatusException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.INVALID_PARAMETER));
        }
    }
}
