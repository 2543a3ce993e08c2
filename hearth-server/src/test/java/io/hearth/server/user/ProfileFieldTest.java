package io.hearth.server.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.common.StatusException;
import org.junit.jupiter.api.Test;

/** The reference's numbers of profile fields: the update flag mask and the modify-my-info types. */
class ProfileFieldTest {

    @Test
    void flagsSelectTheReferenceFields() {
        assertThat(ProfileField.ofFlags(0x01)).containsExactly(ProfileField.DISPLAY_NAME);
        assertThat(ProfileField.ofFlags(0x200 | 0x100 | 0x04)).containsExactly(ProfileField.GENDER,
                ProfileField.EXTRA, ProfileField.NAME);
        assertThat(ProfileField.ofFlags(ProfileField.ALL_FLAGS)).containsExactly(ProfileField.values());
    }

    @Test
    void anEmptyMaskOrUnknownBitsAre251() {
        for (int bad : new int[] {0, 0x400, -1, 0x1000 | 0x01}) {
            assertThatThrownBy(() -> ProfileField.ofFlags(bad)).isInstanceOf(StatusException.class)
                    .hasMessageStartingWith("flag");
        }
    }

    @Test
    void modifyMyInfoTypesAreZeroToEightAndNeverTheName() {
        assertThat(ProfileField.ofMmiType(0)).isEqualTo(ProfileField.DISPLAY_NAME);
        assertThat(ProfileField.ofMmiType(2)).isEqualTo(ProfileField.GENDER);
        assertThat(ProfileField.ofMmiType(3)).isEqualTo(ProfileField.MOBILE);
        assertThat(ProfileField.ofMmiType(8)).isEqualTo(ProfileField.EXTRA);
        for (int bad : new int[] {-1, 9, 100}) {
            assertThatThrownBy(() -> ProfileField.ofMmiType(bad)).isInstanceOf(StatusException.class)
                    .hasMessageContaining("type " + bad);
        }
    }

    @Test
    void valuesAreCheckedPerField() {
        assertThat(ProfileField.GENDER.value("gender", " 2 ")).isEqualTo(2);
        assertThat(ProfileField.GENDER.value("gender", "")).isEqualTo(0);
        assertThat(ProfileField.MOBILE.value("mobile", "")).as("empty clears").isNull();
        assertThat(ProfileField.MOBILE.value("mobile", "1".repeat(64))).isEqualTo("1".repeat(64));
        assertThatThrownBy(() -> ProfileField.MOBILE.value("mobile", "1".repeat(65)))
                .hasMessage("mobile longer than 64 characters");
        assertThatThrownBy(() -> ProfileField.GENDER.value("gender", "f")).hasMessage("gender must be a number");
        assertThatThrownBy(() -> ProfileField.NAME.value("name", "")).hasMessage("missing name");
        assertThatThrownBy(() -> ProfileField.EXTRA.value("extra", "a\u0000b")).hasMessageContaining("invalid");
    }
}
