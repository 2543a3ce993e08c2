package io.hearth.server.webhook;

/**
 * Every kind of webhook event, named by its community-edition config key (which holds the endpoint URL; an alias
 * key is resolved by the config loader). A new callback (chatrooms, channels) is one more constant here plus its
 * key in {@code ConfigKeys.WEBHOOK_URLS} and a producer that calls {@link Outbox#row}.
 */
public enum WebhookKind {
    MESSAGE_FORWARD("message.forward.url"),
    MENTION_FORWARD("message.mentionmsg.forward.url"),
    RECALL_FORWARD("message.recallmsg.forward.url"),
    ONLINE_STATUS("user.online_status_callback"),
    USER_INFO("user.user_info_update_callback"),
    RELATION("relation.relation_update_callback"),
    GROUP_INFO("group.group_info_update_callback"),
    GROUP_MEMBER("group.group_member_update_callback"),
    /** A message to a robot, to the robot's own callback (set per robot, not in the config): {@link RobotCallbacks}. */
    ROBOT_MESSAGE("robot.callback");

    private final String key;

    WebhookKind(String key) {
        this.key = key;
    }

    /** The config key of the endpoint URL; also the {@code X-Hearth-Event} header of its deliveries. */
    public String key() {
        return key;
    }
}
