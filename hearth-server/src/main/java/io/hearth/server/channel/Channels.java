package io.hearth.server.channel;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Channels as the server API manages them: create (an empty id or secret is generated; 11 when the id exists, 253
 * for an unknown owner), destroy, info, subscribe and unsubscribe, and who is subscribed.
 */
public final class Channels {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final Function<String, CompletableFuture<Boolean>> userExists;
    private final BlockingExecutor blocking;
    private final Clock clock;

    public Channels(ChannelStore store, Function<String, CompletableFuture<Boolean>> userExists,
                    BlockingExecutor blocking, Clock clock) {
        this.store = store;
        this.userExists = userExists;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Creates {@code c} (its id and secret generated when empty, its times now); the channel as stored. */
    public CompletableFuture<ChannelInfo> create(ChannelInfo c) {
        return existing(c.owner()).thenCompose(v -> blocking.supply(() -> {
            long now = clock.millis();
            String id = c.channelId() == null || c.channelId().isEmpty() ? random(8) : c.channelId();
            String secret = c.secret() == null || c.secret().isEmpty() ? random(8) : c.secret();
            ChannelInfo stored = new ChannelInfo(id, c.name(), c.portrait(), c.owner(), c.desc(), c.extra(),
                    c.callback(), secret, c.automatic(), c.state(), c.menus(), now, now);
            if (!store.create(stored)) {
                throw new StatusException(Status.GROUP_ALREADY_EXIST, "channel " + id + " already exists");
            }
            return stored;
        }));
    }

    public CompletableFuture<Void> destroy(String channelId) {
        return blocking.supply(() -> {
            if (!store.delete(channelId)) {
                throw notExist(channelId);
            }
            return null;
        });
    }

    public CompletableFuture<ChannelInfo> find(String channelId) {
        return blocking.supply(() -> store.find(channelId).orElseThrow(() -> notExist(channelId)));
    }

    public CompletableFuture<Void> subscribe(String channelId, String userId, boolean on) {
        return existing(userId).thenCompose(v -> blocking.supply(() -> {
            store.find(channelId).orElseThrow(() -> notExist(channelId));
            store.subscribe(channelId, userId, on, clock.millis());
            return null;
        }));
    }

    public CompletableFuture<Boolean> subscribed(String channelId, String userId) {
        return blocking.supply(() -> {
            store.find(channelId).orElseThrow(() -> notExist(channelId));
            return store.subscribed(channelId, userId);
        });
    }

    public CompletableFuture<List<String>> subscribers(String channelId) {
        return blocking.supply(() -> store.subscribers(channelId));
    }

    private CompletableFuture<Void> existing(String userId) {
        return userExists.apply(userId).thenAccept(exists -> {
            if (!exists) {
                throw new StatusException(Status.NOT_EXIST, "user " + userId + " not exist");
            }
        });
    }

    private static StatusException notExist(String channelId) {
        return new StatusException(Status.NOT_EXIST, "channel " + channelId + " not exist");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
