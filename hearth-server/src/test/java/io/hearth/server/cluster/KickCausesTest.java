package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.server.cluster.pb.Kick;
import io.hearth.server.cluster.pb.KickCause;
import io.hearth.server.session.Kicker.Cause;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The kick cause between nodes, both ways, with nodes of the previous release and of a newer one. */
@SuppressWarnings("deprecation") // legacy_cause is what the previous release reads and writes
class KickCausesTest {

    @Test
    void everyCauseHasItsOwnWireValue() {
        assertThat(KickCauses.toWire(Cause.TAKEN_OVER).getNumber()).isEqualTo(1);
        assertThat(KickCauses.toWire(Cause.ADMIN).getNumber()).isEqualTo(2);
        assertThat(KickCauses.toWire(Cause.BANNED).getNumber()).isEqualTo(3);
    }

    @Test
    void everyCauseSurvivesTheTripToAnotherNode() throws InvalidProtocolBufferException {
        for (Cause cause : Cause.values()) {
            Kick received = Kick.parseFrom(KickCauses.kick("alice", "pc", cause).build().toByteArray());
            assertThat(received.getUserId()).isEqualTo("alice");
            assertThat(received.getClientId()).isEqualTo("pc");
            assertThat(KickCauses.fromWire(received)).as("%s", cause).isEqualTo(cause);
        }
    }

    @Test
    void aNodeOfThePreviousReleaseReadsTheCauseItKnows() {
        assertThat(KickCauses.kick("a", "c", Cause.TAKEN_OVER).getLegacyCause()).isZero();
        assertThat(KickCauses.kick("a", "c", Cause.ADMIN).getLegacyCause()).isEqualTo(1);
        assertThat(KickCauses.kick("a", "c", Cause.BANNED).getLegacyCause()).as("an admin kick there").isEqualTo(1);
    }

    @Test
    void aKickFromANodeOfThePreviousReleaseKeepsItsCause() {
        assertThat(KickCauses.fromWire(Kick.newBuilder().setUserId("a").setLegacyCause(0).build()))
                .isEqualTo(Cause.TAKEN_OVER);
        assertThat(KickCauses.fromWire(Kick.newBuilder().setUserId("a").setLegacyCause(1).build()))
                .isEqualTo(Cause.ADMIN);
    }

    @Test
    void anUnknownCauseFromANewerNodeIsTakenOverAndLogged() {
        Logger logger = (Logger) LoggerFactory.getLogger(KickCauses.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Kick kick = Kick.newBuilder().setUserId("alice").setCauseValue(99).setLegacyCause(1).build();
            assertThat(kick.getCause()).isEqualTo(KickCause.UNRECOGNIZED);
            assertThat(KickCauses.fromWire(kick)).isEqualTo(Cause.TAKEN_OVER);
            assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                    .asString().contains("kick cause 99").contains("alice");
        } finally {
            logger.detachAppender(lines);
        }
    }
}
