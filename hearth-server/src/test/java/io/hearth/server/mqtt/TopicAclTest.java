package io.hearth.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicAclTest {

    @Test
    void subscriptionsOnlyInsideOwnNamespace() {
        assertThat(TopicAcl.maySubscribe("alice", "u/alice/push/#")).isTrue();
        assertThat(TopicAcl.maySubscribe("alice", "u/alice/#")).isTrue();
        assertThat(TopicAcl.maySubscribe("alice", "u/alice/")).isFalse();
        assertThat(TopicAcl.maySubscribe("alice", "u/bob/#")).isFalse();
        assertThat(TopicAcl.maySubscribe("alice", "u/+/push/#")).isFalse();
        assertThat(TopicAcl.maySubscribe("alice", "#")).isFalse();
        assertThat(TopicAcl.maySubscribe("alice", "u/alicex/#")).isFalse();
        assertThat(TopicAcl.maySubscribe("alice", "rpc/#")).isFalse();
    }

    @Test
    void publishesOnlyToRpcOrOwnNamespace() {
        assertThat(TopicAcl.mayPublish("alice", "rpc/message.send")).isTrue();
        assertThat(TopicAcl.mayPublish("alice", "u/alice/anything")).isTrue();
        assertThat(TopicAcl.mayPublish("alice", "u/bob/push/message")).isFalse();
        assertThat(TopicAcl.mayPublish("alice", "rpcx")).isFalse();
    }

    @Test
    void matchesLikeMqtt() {
        assertThat(TopicAcl.matches("u/a/push/#", "u/a/push/message")).isTrue();
        assertThat(TopicAcl.matches("u/a/#", "u/a/json/push/kick")).isTrue();
        assertThat(TopicAcl.matches("u/a/push/#", "u/a/push")).isTrue();
        assertThat(TopicAcl.matches("u/a/+/message", "u/a/push/message")).isTrue();
        assertThat(TopicAcl.matches("u/a/+/message", "u/a/json/push/message")).isFalse();
        assertThat(TopicAcl.matches("u/a/push/message", "u/a/push/kick")).isFalse();
        assertThat(TopicAcl.matches("u/a/push/#", "u/a/json/push/message")).isFalse();
        assertThat(TopicAcl.matches("u/a/push/message", "u/a/push/message")).isTrue();
    }
}
