package io.hearth.server.sensitive;

import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.MessageStored;
import io.hearth.server.message.StoredMessage;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records, under {@code sensitive.filter.type} 3, every stored client message that contains a sensitive word: one
 * row per word in {@code sensitive_hits} with the message uid (known only once stored, so this is an event listener
 * rather than part of the send check). Runs on its event-hook thread and may block there; like every listener it
 * gets events at most once, so a hit can go unrecorded when the listener falls far behind (it is then counted in
 * {@code hearth.events.dropped{listener=sensitive-hits}}).
 */
public final class SensitiveHits implements Consumer<MessageStored> {

    private final SensitiveWords words;
    private final SensitiveWordStore store;
    private final Clock clock;

    public SensitiveHits(SensitiveWords words, SensitiveWordStore store, Clock clock) {
        this.words = words;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(MessageStored event) {
        StoredMessage m = event.message();
        if (m.fromClient() == null) {
            return;
        }
        WordMatcher matcher = words.matcher();
        MessageContent c = m.content();
        Set<String> found = new LinkedHashSet<>(matcher.find(c.getSearchableContent()));
        found.addAll(matcher.find(c.getContent()));
        if (!found.isEmpty()) {
            store.recordHits(m.messageUid(), m.sender(), found, clock.millis());
        }
    }
}
