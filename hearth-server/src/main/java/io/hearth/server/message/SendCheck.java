package io.hearth.server.message;

import java.util.concurrent.CompletableFuture;

/**
 * A check every send passes before its conversation's policy, whatever the type: the sender's mute or ban, types a
 * client may not send, sensitive words. Completes with the send to go on with (the same one, one with its content
 * replaced, or one marked dropped) or fails with the refusal's status and a message that says why. Called on the
 * sender's thread; must not block it.
 */
@FunctionalInterface
public interface SendCheck {

    CompletableFuture<Send> check(Send send);
}
