package io.hearth.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.common.StatusException;
import org.junit.jupiter.api.Test;

/** Client sends of a blocked user are refused with 245; the server API sends with admin rights. */
class BlockedSenderCheckTest {

    private final BlockedSenderCheck check = new BlockedSenderCheck(u -> u.equals("mia") ? "user mia is muted" : null);

    @Test
    void aBlockedUsersClientSendIsRefusedWithTheReason() {
        Send send = new Send("mia", "phone", SendMessageRequest.getDefaultInstance(), Send.Origin.CLIENT);

        Throwable e = check.check(send).handle((s, error) -> error).join();

        assertThat(e).isInstanceOf(StatusException.class);
        assertThat(((StatusException) e).status()).isEqualTo(Status.USER_BLOCKED);
        assertThat(e).hasMessage("user mia is muted and cannot send messages");
    }

    @Test
    void theServerApiAndOtherUsersPass() {
        Send admin = new Send("mia", null, SendMessageRequest.getDefaultInstance(), Send.Origin.SERVER_API);
        Send other = new Send("bob", "pc", SendMessageRequest.getDefaultInstance(), Send.Origin.CLIENT);

        assertThat(check.check(admin).join()).isSameAs(admin);
        assertThat(check.check(other).join()).isSameAs(other);
    }

}
