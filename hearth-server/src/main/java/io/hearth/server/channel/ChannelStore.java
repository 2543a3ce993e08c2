package io.hearth.server.channel;

import java.util.List;
import java.util.Optional;

/** Storage port of channels and their subscribers. Blocking; called on the blocking executor only. */
public interface ChannelStore {

    /** Inserts the channel; false when its id exists. */
    boolean create(ChannelInfo channel);

    Optional<ChannelInfo> find(String channelId);

    /** Overwrites the channel's fields (not its id, owner or creation time). */
    void update(ChannelInfo channel);

    /** Deletes the channel and its subscriptions; false when there was none. */
    boolean delete(String channelId);

    /** Subscribes ({@code on}) or unsubscribes the user; whether that changed anything. */
    boolean subscribe(String channelId, String userId, boolean on, long now);

    boolean subscribed(String channelId, String userId);

    /** The channel's subscribers, by id. */
    List<String> subscribers(String channelId);

    /** The channels the user subscribed, by id. */
    List<String> channelsOf(String userId);
}
