package io.hearth.protocol;

/** The kinds of a {@code Notice} push: what changed, and so what the client pulls. */
public final class NoticeKinds {

    /** A user's profile changed; target = the user id, version = its new update_dt. Pull with user.get_infos. */
    public static final String USER = "user";

    private NoticeKinds() {
    }
}
