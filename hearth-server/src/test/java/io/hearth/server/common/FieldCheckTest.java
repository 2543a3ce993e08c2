package io.hearth.server.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Status;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldCheckTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void textAtTheLimitPassesAndOneMoreIs251NamingTheFieldAndTheLimit() {
        assertThat(FieldCheck.text("displayName", "abcd", 4)).isEqualTo("abcd");
        assertThat(FieldCheck.text("displayName", "\u00e9\u00e9\u00e9\u00e9", 4)).isEqualTo("\u00e9\u00e9\u00e9\u00e9");

        refused(() -> FieldCheck.text("displayName", "abcde", 4))
                .hasMessage("displayName longer than 4 characters");
    }

    @Test
    void anEmojiCountsTwoAsInH2AndJavaScript() {
        assertThat(FieldCheck.text("name", EMOJI + EMOJI, 4)).isEqualTo(EMOJI + EMOJI);

        refused(() -> FieldCheck.text("name", EMOJI + EMOJI + "x", 4)).hasMessage("name longer than 4 characters");
    }

    @Test
    void absentPassesAndEmptyIsNotTooLong() {
        assertThat(FieldCheck.text("email", null, 4)).isNull();
        assertThat(FieldCheck.printable("email", null, 4)).isNull();
        assertThat(FieldCheck.text("email", "", 0)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\uD83D", "ab\uD83D", "\uDE00ab", "a\uDE00\uD83Db"})
    void nulAndUnpairedSurrogatesAreRefusedInEveryText(String value) {
        refused(() -> FieldCheck.text("social", value, 100)).hasMessageStartingWith("social contains an invalid character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "tab\there", "line\n", "del\u007f", "c1\u0085"})
    void controlCharactersAreRefusedInIdentifiersButNotInText(String value) {
        assertThat(FieldCheck.text("extra", value, 100)).isEqualTo(value);

        refused(() -> FieldCheck.printable("client_message_id", value, 100))
                .hasMessageStartingWith("client_message_id contains a control character");
    }

    @Test
    void countAllowsTheLimitAndRefusesOneEntryMore() {
        assertThat(FieldCheck.count("to_users", List.of("a", "b"), 2)).hasSize(2);
        assertThat(FieldCheck.count("to_users", null, 2)).isNull();

        refused(() -> FieldCheck.count("to_users", List.of("a", "b", "c"), 2))
                .hasMessage("to_users has more than 2 entries");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable check) {
        return assertThatThrownBy(check::run).isInstanceOf(StatusException.class)
                .satisfies(e -> assertThat(((StatusException) e).status()).isEqualTo(Status.INVALID_PARAMETER));
    }
}
