package io.hearth.server.cluster;

import io.hearth.server.cluster.pb.Kick;
import io.hearth.server.cluster.pb.KickCause;
import io.hearth.server.common.ThrottledLog;
import io.hearth.server.session.Kicker.Cause;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A kick's cause on the wire between nodes: {@link Cause} to {@code KickCause} and back, each value named, never an
 * ordinal. Also writes and reads the previous release's {@code legacy_cause} so that a kick keeps its cause across
 * a rolling upgrade. Stateless; any thread.
 */
final class KickCauses {

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(KickCauses.class), 60,
            TimeUnit.SECONDS);
    private static final int LEGACY_TAKEN_OVER = 0;
    private static final int LEGACY_ADMIN = 1;

    private KickCauses() {
    }

    /** The wire form of a kick of {@code userId}/{@code clientId}. */
    @SuppressWarnings("deprecation") // legacy_cause: written for nodes of the previous release
    static Kick.Builder kick(String userId, String clientId, Cause cause) {
        return Kick.newBuilder().setUserId(userId).setClientId(clientId).setCause(toWire(cause))
                .setLegacyCause(cause == Cause.TAKEN_OVER ? LEGACY_TAKEN_OVER : LEGACY_ADMIN);
    }

    static KickCause toWire(Cause cause) {
        return switch (cause) {
            case TAKEN_OVER -> KickCause.KICK_CAUSE_TAKEN_OVER;
            case ADMIN -> KickCause.KICK_CAUSE_ADMIN;
            case BANNED -> KickCause.KICK_CAUSE_BANNED;
        };
    }

    /**
     * The cause of a received kick. Unspecified: a node of the previous release, whose {@code legacy_cause} is read.
     * A value this node does not know (a newer node's) is taken as {@link Cause#TAKEN_OVER}, and logged: the session
     * is closed all the same, only its reason code is the plainest one.
     */
    @SuppressWarnings("deprecation") // legacy_cause: read from nodes of the previous release
    static Cause fromWire(Kick kick) {
        return switch (kick.getCause()) {
            case KICK_CAUSE_TAKEN_OVER -> Cause.TAKEN_OVER;
            case KICK_CAUSE_ADMIN -> Cause.ADMIN;
            case KICK_CAUSE_BANNED -> Cause.BANNED;
            case KICK_CAUSE_UNSPECIFIED -> kick.getLegacyCause() == LEGACY_ADMIN ? Cause.ADMIN : Cause.TAKEN_OVER;
            case UNRECOGNIZED -> {
                log.warn("kick cause " + kick.getCauseValue(),
                        "kick cause {} from another node is unknown here (a newer release?); closing {} as taken over",
                        kick.getCauseValue(), kick.getUserId());
                yield Cause.TAKEN_OVER;
            }
        };
    }
}
