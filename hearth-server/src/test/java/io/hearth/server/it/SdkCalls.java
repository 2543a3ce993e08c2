package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthException;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Java SDK in the feature tests: a new user, a client of it on a node (routed, short backoff), and waiting for
 * a call's result or its failure code.
 */
final class SdkCalls {

    static final Duration WAIT = Duration.ofSeconds(10);

    private SdkCalls() {
    }

    /** A new user on {@code node} with a fresh id starting with {@code prefix}. */
    static String user(TestNode node, String prefix) {
        String id = Fixtures.id(prefix);
        node.admin().createUser(id);
        return id;
    }

    /** A client of {@code user} (not yet connected), added to {@code clients} for closing. */
    static HearthClient client(TestNode node, List<HearthClient> clients, String user, int platform,
                               Transport transport, HearthListener listener) {
        String clientId = Fixtures.id(user + "-" + platform);
        HearthClient c = HearthClient.builder()
                .routeUrl(URI.create(node.httpUrl()))
                .userId(user).clientId(clientId).token(node.admin().token(user, clientId, platform))
                .platform(platform).transport(transport)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .listener(listener).build();
        clients.add(c);
        return c;
    }

    static HearthClient connect(HearthClient c) {
        join(c.connect());
        return c;
    }

    static <T> T join(CompletableFuture<T> f) {
        return f.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The code of the {@link HearthException} the call failed with. */
    static int codeOf(CompletableFuture<?> f) {
        Throwable e = f.handle((v, error) -> error).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(e).isInstanceOf(HearthException.class);
        return ((HearthException) e).code();
    }
}
