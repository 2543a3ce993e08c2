package io.hearth.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SingleChatPolicyTest {

    private static Send send(String target, int persistFlag) {
        return new Send("alice", "phone", SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(target))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent("hi").setPersistFlag(persistFlag))
                .build(), Send.Origin.CLIENT);
    }

    private static SingleChatPolicy policy(SendCheck... checks) {
        return new SingleChatPolicy(u -> CompletableFuture.completedFuture(!u.equals("ghost")), List.of(checks));
    }

    @Test
    void theContentAndTheDropOfItsChecksReachThePlan() {
        SendPlan replaced = policy(s -> CompletableFuture.completedFuture(s.withContent(
                s.request().getContent().toBuilder().setSearchableContent("***").build()))).plan(send("bob", 3)).join();
        assertThat(replaced.send().request().getContent().getSearchableContent()).isEqualTo("***");
        assertThat(replaced.receivers()).containsExactly("bob");
        assertThat(replaced.stored()).isTrue();

        SendPlan dropped = policy(s -> CompletableFuture.completedFuture(s.drop())).plan(send("bob", 3)).join();
        assertThat(dropped.receivers()).isEmpty();
        assertThat(dropped.stored()).isTrue(); // kept in the sender's own timeline
    }

    @Test
    void aTransparentMessageGoesOnlineOnlyAndNeedsAnExistingPeer() {
        SendPlan p = policy().plan(send("bob", 4)).join();
        assertThat(p.stored()).isFalse();
        assertThat(p.receivers()).containsExactly("bob");
        assertThatThrownBy(() -> policy().plan(send("ghost", 4)).join()).isInstanceOf(CompletionException.class)
                .hasMessageContaining("ghost not exist");
    }

    @Test
    void eachSideSeesTheOtherAsTheTarget() {
        StoredMessage m = new StoredMessage(1, "alice", Conversation.newBuilder().setType(0).setTarget("bob").build(),
                "phone", null, MessageContent.getDefaultInstance(), List.of(), 0, 1);
        assertThat(policy().viewFor(m, "bob").getTarget()).isEqualTo("alice");
        assertThat(policy().viewFor(m, "alice").getTarget()).isEqualTo("bob");
    }
}
