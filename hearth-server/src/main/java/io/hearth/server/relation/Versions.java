package io.hearth.server.relation;

/** A user's current friend version and friend-request version; 0 before the first change. */
public record Versions(long friend, long request) {

    public static final Versions NONE = new Versions(0, 0);
}
