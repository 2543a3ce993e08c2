package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code group.disable_stranger_invite}: when on, a client may add to a group (create with members, add_members)
 * only users who are its friends; one stranger among them refuses the whole call with 248 before the group is read.
 * The server API does not pass here. Off, every check passes at once. Called on event loops; the friend list is
 * read through {@code friendsOf}, which does not block the caller.
 */
final class StrangerInvites {

    private final Function<String, CompletableFuture<List<String>>> friendsOf;

    /** {@code friendsOf}: the friends of a user; null when stranger invites are allowed. */
    StrangerInvites(Function<String, CompletableFuture<List<String>>> friendsOf) {
        this.friendsOf = friendsOf;
    }

    /** Completes when {@code inviter} may add all of {@code invitees} (the inviter itself needs no friendship). */
    CompletableFuture<Void> check(String inviter, Collection<String> invitees) {
        Set<String> others = new HashSet<>(invitees);
        others.remove(inviter);
        if (friendsOf == null || others.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return friendsOf.apply(inviter).thenAccept(friends -> {
            others.removeAll(new HashSet<>(friends));
            if (!others.isEmpty()) {
                throw new StatusException(Status.NOT_RIGHT, "a client may add only its friends to a group on this"
                        + " server (group.disable_stranger_invite); not friends: " + String.join(",", others.stream()
                        .sorted().toList()));
            }
        });
    }
}
