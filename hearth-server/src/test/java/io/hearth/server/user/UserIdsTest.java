package io.hearth.server.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "user-1_x.y@z", "\u00e9l\u00e8ve", "\u7528\u6237", "\uD83D\uDE00"})
    void ordinaryIdsPass(String id) {
        assertThat(UserIds.check("userId", id)).isEqualTo(id);
    }

    @Test
    void sixtyFourCharactersPassAndSixtyFiveAre251() {
        assertThat(UserIds.check("sender", "a".repeat(64))).hasSize(64);

        assertThatThrownBy(() -> UserIds.check("sender", "a".repeat(65)))
                .isInstanceOf(StatusException.class).hasMessage("sender longer than 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a+b", "a#b", "a,b", "a b", " a", "a\u00a0b", "a\u2003b", "a\u3000b"})
    void topicCharactersCommasAndWhitespaceAreRefused(String id) {
        assertThatThrownBy(() -> UserIds.check("to_users[3]", id))
                .isInstanceOf(StatusException.class)
                .hasMessage("to_users[3] must not contain whitespace, / + # or ,")
                .satisfies(e -> assertThat(((StatusException) e).status()).isEqualTo(Status.INVALID_PARAMETER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\tb", "a\u001fb", "\uD83D"})
    void controlCharactersAndBrokenUnicodeAreRefused(String id) {
        assertThatThrownBy(() -> UserIds.check("userId", id))
                .isInstanceOf(StatusException.class).hasMessageStartingWith("userId contains");
    }

    @Test
    void missingOrEmptyIsRefusedNamingTheField() {
        assertThatThrownBy(() -> UserIds.check("first", "")).hasMessage("missing first");
        assertThatThrownBy(() -> UserIds.check("first", null)).hasMessage("missing first");
    }
}
