package io.hearth.server.transport.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.SocketAddress;

/** One HTTP request, copied off the Netty buffer so endpoints may use it on any thread. */
public record HttpCall(String method, String path, String query, HttpHeaders headers, byte[] body,
                       SocketAddress remote) {

    public String header(String name) {
        return headers.get(name);
    }
}
