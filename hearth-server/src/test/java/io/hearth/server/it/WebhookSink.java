package io.hearth.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local webhook receiver on 127.0.0.1 (JDK HTTP server): records every request it gets (path, headers, body)
 * and answers 200, or 500 while {@link #failing} is set.
 */
final class WebhookSink implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received, with the status the sink answered. */
    record Hit(String path, String eventId, String kind, String signature, int attempt, String body, int answered) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    final List<Hit> hits = new CopyOnWriteArrayList<>();
    volatile boolean failing;
    /** While set, requests wait for it (then get 503): a receiver that hangs. */
    volatile java.util.concurrent.CountDownLatch hold;
    final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int status = failing ? 500 : 200;
            java.util.concurrent.CountDownLatch h0 = hold;
            if (h0 != null) {
                held.incrementAndGet();
                try {
                    h0.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 503;
            }
            var h = ex.getRequestHeaders();
            hits.add(new Hit(ex.getRequestURI().getPath(), h.getFirst("X-Hearth-Event-Id"),
                    h.getFirst("X-Hearth-Event"), h.getFirst("X-Hearth-Signature"),
                    Integer.parseInt(h.getFirst("X-Hearth-Attempt")), new String(body, StandardCharsets.UTF_8),
                    status));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The requests to {@code path} that were answered 200. */
    List<Hit> delivered(String path) {
        return hits.stream().filter(h -> h.path().equals(path) && h.answered() == 200).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
