package io.hearth.client.sync;

import java.util.List;

/**
 * Receives what a {@link VersionSync} pulled: the entries changed since the last call (possibly none, when only the
 * version moved) and the version they bring the app to, which the app persists with them and passes as the
 * {@code fromVersion} of its next sync. Called on the client's event loop, one call at a time; must not block.
 * Exceptions are logged and otherwise ignored (the version still moves on).
 */
@FunctionalInterface
public interface VersionListener<E> {

    void onChanged(List<E> entries, long version);
}
