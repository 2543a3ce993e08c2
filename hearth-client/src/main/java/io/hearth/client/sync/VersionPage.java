package io.hearth.client.sync;

import java.util.List;

/**
 * One pull of a versioned kind: the entries changed after the version asked for, {@code version} to pull from next,
 * and {@code head}, the user's current version (pull again while {@code version < head}; equal to {@code version}
 * for kinds that answer everything at once).
 */
public record VersionPage<E>(List<E> entries, long version, long head) {

    public VersionPage {
        entries = List.copyOf(entries);
    }

    /** A complete answer: nothing more to pull after it. */
    public static <E> VersionPage<E> complete(List<E> entries, long version) {
        return new VersionPage<>(entries, version, version);
    }
}
