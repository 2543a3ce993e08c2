package io.hearth.server.rpc;

import io.hearth.protocol.pb.SessionInfoResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One feature's part of {@code session.info}: the versions (or heads) a reconnecting client needs to know what to
 * pull. Reads whatever it needs, then completes with what to set on the result. Called on an event loop; must not
 * block it.
 */
@FunctionalInterface
public interface SessionFacet {

    CompletableFuture<Consumer<SessionInfoResult.Builder>> read(RpcMethod.Caller caller);
}
