package io.hearth.server.rpc;

import com.google.protobuf.Descriptors;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The client RPC methods of a node: each feature registers its own at start-up; a name registered twice is refused,
 * and {@link #methods()} refuses to hand out a set in which a method declared in {@link Methods#REPLY_CASES} has no
 * handler, a handler has no declaration, or a declared reply case is not a case of {@code Reply.result}. Filled
 * on the starting thread, read-only afterwards.
 */
public final class RpcRegistry {

    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

    /** Adds a method; {@code IllegalStateException} when the name already has a handler. */
    public RpcRegistry register(String name, RpcMethod method) {
        if (methods.putIfAbsent(name, method) != null) {
            throw new IllegalStateException("RPC method " + name + " registered twice");
        }
        return this;
    }

    /** The complete, checked method table; {@code IllegalStateException} naming every mismatch. */
    public Map<String, RpcMethod> methods() {
        List<String> problems = problems(methods.keySet(), Methods.REPLY_CASES);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("RPC methods do not match hearth-protocol: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /** What is wrong between handled method names and declared ones (name to reply case); empty when they agree. */
    static List<String> problems(Set<String> handled, Map<String, String> declared) {
        List<String> out = new ArrayList<>();
        Descriptors.OneofDescriptor result = Reply.getDescriptor().findFieldByName("send").getContainingOneof();
        Set<String> cases = new TreeSet<>();
        result.getFields().forEach(f -> cases.add(f.getName()));
        declared.forEach((name, replyCase) -> {
            if (!handled.contains(name)) {
                out.add(name + " has no handler");
            }
            if (!cases.contains(replyCase)) {
                out.add(name + " declares reply case " + replyCase + ", which Reply.result does not have");
            }
        });
        for (String name : handled) {
            if (!declared.containsKey(name)) {
                out.add(name + " has a handler but is not declared in Methods.REPLY_CASES");
            }
        }
        return out;
    }
}
