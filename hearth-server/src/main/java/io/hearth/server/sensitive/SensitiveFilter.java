package io.hearth.server.sensitive;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import io.hearth.server.message.Send;
import io.hearth.server.message.SendCheck;
import java.util.concurrent.CompletableFuture;

/**
 * The send check of {@code sensitive.filter.type} for client messages whose searchable content or content contains
 * a word of the list: 0 refuses with 242, 1 accepts and drops, 2 replaces each match in both fields by
 * {@code ***}, 3 lets it through ({@link SensitiveHits} records it once stored). Sends of the server API pass
 * unchecked, as in the reference. Runs on the sender's thread without blocking: it only reads this node's matcher.
 */
public final class SensitiveFilter implements SendCheck {

    public static final int REJECT = 0;
    public static final int DROP = 1;
    public static final int REPLACE = 2;
    public static final int RECORD = 3;

    private final SensitiveWords words;
    private final int type;

    public SensitiveFilter(SensitiveWords words, int type) {
        this.words = words;
        this.type = type;
    }

    @Override
    public CompletableFuture<Send> check(Send send) {
        if (send.origin() != Send.Origin.CLIENT || type == RECORD) {
            return CompletableFuture.completedFuture(send);
        }
        WordMatcher m = words.matcher();
        MessageContent c = send.request().getContent();
        if (!m.matches(c.getSearchableContent()) && !m.matches(c.getContent()) && !m.matches(c.getPushContent())) {
            return CompletableFuture.completedFuture(send);
        }
        return switch (type) {
            case DROP -> CompletableFuture.completedFuture(send.drop());
            case REPLACE -> CompletableFuture.completedFuture(send.withContent(c.toBuilder()
                    .setSearchableContent(m.mask(c.getSearchableContent())).setContent(m.mask(c.getContent()))
                    .setPushContent(m.mask(c.getPushContent())).build()));
            default -> CompletableFuture.failedFuture(new StatusException(Status.SENSITIVE_MATCHED,
                    "the message contains a sensitive word"));
        };
    }
}
