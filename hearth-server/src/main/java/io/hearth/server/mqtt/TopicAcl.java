package io.hearth.server.mqtt;

import io.hearth.protocol.Topics;

/**
 * Where a client may subscribe and publish: subscriptions only inside {@code u/<userId>/}, publishes only to
 * {@code rpc/...} or inside the namespace. Also MQTT topic-filter matching for push delivery.
 */
final class TopicAcl {

    private TopicAcl() {
    }

    static boolean maySubscribe(String userId, String filter) {
        String ns = Topics.namespace(userId);
        return filter.startsWith(ns) && filter.length() > ns.length();
    }

    static boolean mayPublish(String userId, String topic) {
        return topic.startsWith(Topics.RPC_PREFIX) || topic.startsWith(Topics.namespace(userId));
    }

    /** Standard MQTT matching of a topic name against a filter with {@code +} and {@code #} wildcards. */
    static boolean matches(String filter, String topic) {
        int f = 0;
        int t = 0;
        int fl = filter.length();
        int tl = topic.length();
        while (f < fl) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (t < tl && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                if (t >= tl || topic.charAt(t) != c) {
                    // "a/#" also matches "a"
                    return t >= tl && filter.startsWith("/#", f);
                }
                f++;
                t++;
            }
        }
        return t == tl;
    }
}
