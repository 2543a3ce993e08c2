package io.hearth.server.transport.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.SocketAddress;
import java.util.concurrent.Executor;

/**
 * One HTTP request, copied off the Netty buffer so endpoints may use it on any thread. {@code loop} is the event
 * loop of its connection: where an endpoint continues after asynchronous work that completes on another thread.
 */
public record HttpCall(String method, String path, String query, HttpHeaders headers, byte[] body,
                       SocketAddress remote, Executor loop) {

    public String header(String name) {
        return headers.get(name);
    }
}
