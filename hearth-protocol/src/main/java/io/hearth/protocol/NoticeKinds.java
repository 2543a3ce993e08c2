package io.hearth.protocol;

/** The kinds of a {@code Notice} push: what changed, and so what the client pulls. */
public final class NoticeKinds {

    // issue 9: settings
    /** The user's settings changed; {@code version} is the new setting version, pull {@code setting.pull}. */
    public static final String SETTING = "setting";

    private NoticeKinds() {
    }
}
