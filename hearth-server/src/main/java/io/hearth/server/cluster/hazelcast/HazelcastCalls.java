package io.hearth.server.cluster.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.hearth.server.cluster.NodeCalls;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link NodeCalls} on a Hazelcast executor ({@code hearth.calls}): a call is a {@link NodeCall} submitted to the
 * member with the target {@code node_id}; handlers live in the member's user context, so several nodes in one JVM
 * (tests) keep their own. Any thread.
 */
final class HazelcastCalls implements NodeCalls {

    private static final String EXECUTOR = "hearth.calls";

    private final HazelcastInstance hz;
    private final IExecutorService executor;

    HazelcastCalls(HazelcastInstance hz) {
        this.hz = hz;
        this.executor = hz.getExecutorService(EXECUTOR);
    }

    @Override
    public CompletableFuture<byte[]> call(int nodeId, String method, byte[] request, Duration timeout) {
        Member target = null;
        for (Member m : hz.getCluster().getMembers()) {
            if (HazelcastCluster.nodeIdOf(m) == nodeId) {
                target = m;
            }
        }
        if (target == null) {
            return CompletableFuture.failedFuture(new NoSuchElementException("no live node " + nodeId));
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        try {
            executor.submitToMember(new NodeCall(method, request, timeout.toMillis()), target,
                    new ExecutionCallback<byte[]>() {
                        @Override
                        public void onResponse(byte[] response) {
                            answer.complete(response);
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            answer.completeExceptionally(t);
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void serve(String method, Function<byte[], CompletableFuture<byte[]>> handler) {
        NodeCall.handlers(hz).put(method, handler);
    }
}
