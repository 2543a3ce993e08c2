package io.hearth.server.message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs checks one after the other, each on the send the previous one left; stops at the first refusal. */
public final class SendChecks {

    private SendChecks() {
    }

    public static CompletableFuture<Send> run(List<SendCheck> checks, Send send) {
        CompletableFuture<Send> f = CompletableFuture.completedFuture(send);
        for (SendCheck c : checks) {
            f = f.thenCompose(s -> {
                try {
                    return c.check(s);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
        }
        return f;
    }
}
