package io.hearth.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Methods;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RpcRegistryTest {

    private static final RpcMethod NOTHING = (caller, req) -> CompletableFuture.completedFuture(null);

    @Test
    void aNameRegisteredTwiceIsRefused() {
        RpcRegistry r = new RpcRegistry().register(Methods.MESSAGE_SEND, NOTHING);
        assertThatThrownBy(() -> r.register(Methods.MESSAGE_SEND, NOTHING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("message.send registered twice");
    }

    @Test
    void aDeclaredMethodWithoutHandlerStopsTheStart() {
        RpcRegistry r = new RpcRegistry().register(Methods.MESSAGE_SEND, NOTHING);
        assertThatThrownBy(r::methods).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("message.pull has no handler")
                .hasMessageContaining("session.info has no handler");
    }

    @Test
    void everyDeclaredMethodHandledPasses() {
        RpcRegistry r = new RpcRegistry();
        Methods.REPLY_CASES.keySet().forEach(m -> r.register(m, NOTHING));
        assertThat(r.methods()).containsOnlyKeys(Methods.REPLY_CASES.keySet());
    }

    @Test
    void aHandlerForAnUndeclaredMethodOrAMissingReplyCaseIsAProblem() {
        assertThat(RpcRegistry.problems(Set.of("a.b"), Map.of()))
                .containsExactly("a.b has a handler but is not declared in Methods.REPLY_CASES");
        assertThat(RpcRegistry.problems(Set.of("a.b"), Map.of("a.b", "nope")))
                .containsExactly("a.b declares reply case nope, which Reply.result does not have");
    }

    @Test
    void everyDeclaredReplyCaseExistsInReply() {
        assertThat(RpcRegistry.problems(Methods.REPLY_CASES.keySet(), Methods.REPLY_CASES)).isEmpty();
    }
}
