package io.hearth.server.sensitive;

import java.util.Collection;
import java.util.List;

/** Storage port of the sensitive-word list, shared by every node. Blocking; called off the event loops only. */
public interface SensitiveWordStore {

    /** Every word, sorted. */
    List<String> all();

    /** The list's version: moves forward with every change that {@link #add} or {@link #remove} commits. */
    long version();

    /** Adds the words not in the list yet and moves the version forward, in one transaction. */
    void add(Collection<String> words, long now);

    /** Removes these words and moves the version forward, in one transaction. */
    void remove(Collection<String> words);

    /** Records that message {@code messageUid} of {@code sender} contained {@code words}. */
    void recordHits(long messageUid, String sender, Collection<String> words, long at);
}
