package io.hearth.server.sensitive;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Token;
import org.ahocorasick.trie.Trie;

/**
 * One version of the word list as an Aho-Corasick automaton: finds every word in one pass over a text, case-
 * insensitively and anywhere (inside longer words too, as the reference does). Where matches overlap the longer one
 * counts. Immutable; any thread.
 */
public final class WordMatcher {

    /** The mask that replaces each match, as in the reference. */
    public static final String MASK = "***";
    public static final WordMatcher EMPTY = new WordMatcher(Set.of());

    private final Trie trie;
    private final boolean empty;

    public WordMatcher(Collection<String> words) {
        this.empty = words.isEmpty();
        this.trie = Trie.builder().ignoreCase().ignoreOverlaps().addKeywords(words).build();
    }

    public boolean matches(String text) {
        return !empty && text != null && !text.isEmpty() && trie.containsMatch(text);
    }

    /** The words of the list found in {@code text} (as the list spells them), in order of first occurrence. */
    public Set<String> find(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (!empty && text != null && !text.isEmpty()) {
            for (Emit e : trie.parseText(text)) {
                out.add(e.getKeyword());
            }
        }
        return out;
    }

    /** {@code text} with every match replaced by {@link #MASK}. */
    public String mask(String text) {
        if (!matches(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (Token t : trie.tokenize(text)) {
            b.append(t.isMatch() ? MASK : t.getFragment());
        }
        return b.toString();
    }
}
