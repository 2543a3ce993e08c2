package io.hearth.server.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordMatcherTest {

    private final WordMatcher m = new WordMatcher(List.of("bad", "Worse", "badger"));

    @Test
    void findsWordsAnywhereIgnoringCase() {
        assertThat(m.matches("this is BAD news")).isTrue();
        assertThat(m.matches("a wORSEning")).isTrue();
        assertThat(m.matches("all good")).isFalse();
        assertThat(m.find("bad and worse and bad")).containsExactly("bad", "Worse");
    }

    @Test
    void masksEveryMatchKeepingTheRestOfTheText() {
        assertThat(m.mask("Bad, worse")).isEqualTo("***, ***");
        assertThat(m.mask("Hello World")).isEqualTo("Hello World");
        // overlapping words: the longer one wins, masked once
        assertThat(m.mask("a badger here")).isEqualTo("a *** here");
    }

    @Test
    void emptyListMatchesNothing() {
        assertThat(WordMatcher.EMPTY.matches("bad")).isFalse();
        assertThat(WordMatcher.EMPTY.mask("bad")).isEqualTo("bad");
        assertThat(m.matches("")).isFalse();
        assertThat(m.matches(null)).isFalse();
    }

    @Test
    void matchesNonLatinText() {
        WordMatcher cjk = new WordMatcher(List.of("敏感"));
        assertThat(cjk.mask("这是敏感词")).isEqualTo("这是***词");
    }
}
