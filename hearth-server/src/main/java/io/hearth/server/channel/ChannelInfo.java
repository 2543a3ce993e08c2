package io.hearth.server.channel;

/**
 * One channel (the reference's {@code OutputGetChannelInfo}): its profile, owner, callback and secret (for the
 * channel API), {@code automatic} (the reference's {@code auto}), the {@code state} bit mask and the menus (JSON).
 */
public record ChannelInfo(String channelId, String name, String portrait, String owner, String desc, String extra,
                          String callback, String secret, int automatic, int state, String menus, long createdAt,
                          long updatedAt) {

    /** State bit 0x40: deleted. */
    public static final int DELETED = 0x40;
    /** State bit 0x80: a global channel (to every user, no subscriptions). */
    public static final int GLOBAL = 0x80;
    /** State bit 0x08: may message non-subscribers. */
    public static final int MESSAGE_NON_SUBSCRIBERS = 0x08;
}
