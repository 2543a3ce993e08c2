package io.hearth.server.message;

import java.util.Collection;
import java.util.Set;

/**
 * Tells the message writer which receivers do not exist, so that a batch is checked in one lookup and messages
 * keep the order in which they were sent. Blocking; called on the writer thread only.
 */
@FunctionalInterface
public interface Recipients {

    /** The users among {@code userIds} that do not exist or are destroyed. */
    Set<String> missing(Collection<String> userIds);
}
