package io.hearth.server.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One {@link io.hearth.server.cluster.NodeCalls} call in flight: serialized to the target member and run there on
 * the {@code hearth.calls} executor, where it looks up the handler of its method in that member's user context and
 * waits (bounded) for the handler's answer.
 */
final class NodeCall implements Callable<byte[]>, HazelcastInstanceAware, Serializable {

    private static final long serialVersionUID = 1L;
    /** The user-context key of the member's {@code method → handler} map. */
    static final String HANDLERS = "hearth.calls.handlers";

    private final String method;
    private final byte[] request;
    private final long timeoutMillis;
    private transient HazelcastInstance hz;

    NodeCall(String method, byte[] request, long timeoutMillis) {
        this.method = method;
        this.request = request;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public byte[] call() throws Exception {
        Function<byte[], CompletableFuture<byte[]>> handler = handlers(hz).get(method);
        if (handler == null) {
            throw new IllegalStateException("this node does not serve " + method + " (yet)");
        }
        return handler.apply(request).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Function<byte[], CompletableFuture<byte[]>>> handlers(HazelcastInstance hz) {
        return (Map<String, Function<byte[], CompletableFuture<byte[]>>>) hz.getUserContext().get(HANDLERS);
    }
}
