package io.hearth.protocol;

/** The kinds of a {@code Notice} push: what changed, and so what the client pulls. */
public final class NoticeKinds {

    private NoticeKinds() {
    }
}
