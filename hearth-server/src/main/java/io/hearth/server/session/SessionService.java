package io.hearth.server.session;

import io.hearth.protocol.Platforms;
import io.hearth.protocol.Status;
import io.hearth.server.auth.Token;
import io.hearth.server.auth.TokenCodec;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.user.UserStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Client sessions and their tokens: issuing a token (creating or renewing the session and applying the kick
 * rules), checking a token at CONNECT, and kicking sessions for the server API. Every change of a session is a
 * compare-and-set on the generation it was read with, retried after a lost race, so two nodes issuing tokens for
 * one session at once never both move it to the same next generation (a token for a session that needs no change
 * keeps its generation). Store work runs on the blocking executor; futures complete there.
 */
public final class SessionService {

    /**
     * Read-decide-write rounds of one token issue (or kick) before it gives up with 250: each lost round means that
     * another request changed the same sessions in between, and one of the racers always wins a round.
     */
    static final int MAX_ATTEMPTS = 20;

    private final SessionStore sessions;
    private final UserStore users;
    private final TokenCodec tokens;
    private final KickRules rules;
    private final Kicker kicker;
    private final BlockingExecutor blocking;
    private final HearthConfig.Tokens config;
    private final Clock clock;
    private final LoginCheck login;

    public SessionService(SessionStore sessions, UserStore users, TokenCodec tokens, Kicker kicker,
                          BlockingExecutor blocking, HearthConfig.Tokens config, Clock clock) {
        this(sessions, users, tokens, kicker, blocking, config, clock, LoginCheck.NONE);
    }

    /** {@code login} runs after the user is known to exist, when a token is issued and at every CONNECT and route. */
    public SessionService(SessionStore sessions, UserStore users, TokenCodec tokens, Kicker kicker,
                          BlockingExecutor blocking, HearthConfig.Tokens config, Clock clock, LoginCheck login) {
        this.login = login;
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
        this.rules = new KickRules(config);
        this.kicker = kicker;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    /** Issues a token for (user, client, platform); kicks the user's sessions that the new one replaces. */
    public CompletableFuture<String> issueToken(String userId, String clientId, int platform) {
        if (!Platforms.isValid(platform)) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "platform must be between " + Platforms.UNSET + " and " + Platforms.HARMONY_PC));
        }
        return blocking.supply(() -> {
            if (users.find(userId).filter(u -> !u.deleted()).isEmpty()) {
                throw new StatusException(Status.NOT_EXIST, "user " + userId + " not exist");
            }
            login.check(userId);
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                String token = tryIssue(userId, clientId, platform);
                if (token != null) {
                    return token;
                }
            }
            throw new StatusException(Status.OVER_FREQUENCY, "session " + userId + "/" + clientId
                    + " changed " + MAX_ATTEMPTS + " times while its token was issued; try again");
        });
    }

    /**
     * One read-decide-write round of {@link #issueToken}: the session and the kicks it causes are written with a
     * compare-and-set on the generations just read. Null when another request or node changed one of these sessions
     * in between (nothing was written; the caller reads again).
     */
    private String tryIssue(String userId, String clientId, int platform) {
        long now = clock.millis();
        List<SessionStore.Write> writes = new ArrayList<>();
        List<ClientSession> kicked = new ArrayList<>();
        ClientSession mine = null;
        for (ClientSession s : sessions.findByUser(userId)) {
            if (s.clientId().equals(clientId)) {
                mine = s;
            } else if (!s.deleted() && rules.kicks(platform, s.platform())) {
                ClientSession k = s.kicked(now);
                writes.add(new SessionStore.Write(k, s.generation()));
                kicked.add(k);
            }
        }
        ClientSession issued;
        if (mine != null && !mine.deleted() && mine.platform() == platform) {
            issued = mine;
        } else {
            long generation = mine == null ? 1 : mine.generation() + 1;
            long created = mine == null ? now : mine.createdAt();
            issued = new ClientSession(userId, clientId, platform, generation, false, created, now,
                    mine == null ? 0 : mine.lastSeen());
            writes.add(new SessionStore.Write(issued, mine == null ? SessionStore.Write.ABSENT : mine.generation()));
        }
        if (!writes.isEmpty() && !sessions.saveIfUnchanged(writes)) {
            return null;
        }
        for (ClientSession k : kicked) {
            kicker.kick(k.userId(), k.clientId(), Kicker.Cause.TAKEN_OVER);
        }
        long expires = config.expireMillis() > 0 ? now + config.expireMillis() : 0;
        return tokens.encode(new Token(userId, clientId, platform, issued.generation(), now, expires));
    }

    /**
     * Checks the credentials of a CONNECT. Fails with 6 (token error) or 7 (kicked off); completes with the
     * session otherwise.
     */
    public CompletableFuture<ClientSession> authenticate(String userId, String clientId, String token) {
        Optional<Token> decoded = tokens.decode(token);
        if (decoded.isEmpty() || !decoded.get().userId().equals(userId) || !decoded.get().clientId().equals(clientId)) {
            return CompletableFuture.failedFuture(new StatusException(Status.TOKEN_ERROR));
        }
        Token t = decoded.get();
        if (t.expired(clock.millis())) {
            return CompletableFuture.failedFuture(new StatusException(Status.TOKEN_ERROR, "token expired"));
        }
        return blocking.supply(() -> {
            if (users.find(userId).filter(u -> !u.deleted()).isEmpty()) {
                throw new StatusException(Status.TOKEN_ERROR, "user not exist");
            }
            login.check(userId);
            ClientSession s = sessions.find(userId, clientId)
                    .orElseThrow(() -> new StatusException(Status.TOKEN_ERROR, "session not exist"));
            if (s.deleted() || s.generation() != t.generation()) {
                throw new StatusException(Status.KICKED_OFF);
            }
            return s;
        });
    }

    /** Kicks one client of a user, or all of them when {@code clientId} is null or empty. */
    public CompletableFuture<Void> kickoff(String userId, String clientId) {
        return blocking.supply(() -> {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                long now = clock.millis();
                List<ClientSession> found = sessions.findByUser(userId).stream()
                        .filter(s -> clientId == null || clientId.isEmpty() || s.clientId().equals(clientId))
                        .toList();
                List<SessionStore.Write> writes = found.stream()
                        .map(s -> new SessionStore.Write(s.kicked(now), s.generation())).toList();
                if (writes.isEmpty() || sessions.saveIfUnchanged(writes)) {
                    for (ClientSession s : found) {
                        kicker.kick(s.userId(), s.clientId(), Kicker.Cause.ADMIN);
                    }
                    return null;
                }
            }
            throw new StatusException(Status.OVER_FREQUENCY, "sessions of " + userId
                    + " kept changing while they were kicked; try again");
        });
    }

    public CompletableFuture<List<ClientSession>> sessionsOf(String userId) {
        return blocking.supply(() -> sessions.findByUser(userId));
    }

    /** Records when a session was last seen (disconnect); failures only cost accuracy of lastSeen. */
    public void touch(String userId, String clientId) {
        long now = clock.millis();
        blocking.run(() -> sessions.touch(userId, clientId, now));
    }
}
