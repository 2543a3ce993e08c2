package io.hearth.bench.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the node's Prometheus page ({@code GET /metrics} on the admin port): direct buffer memory
 * ({@code jvm_buffer_memory_used_bytes{id="direct"}}, which includes Netty's pooled direct buffers on Java 17,
 * where Netty allocates through {@code ByteBuffer.allocateDirect}) and heap used (sum of
 * {@code jvm_memory_used_bytes{area="heap"}}). A failed or slow scrape (3 s) reads as -1: the node not answering.
 * Thread-safe.
 */
final class NodeMetrics {

    /** One scrape; -1 values when it failed. */
    record Scrape(long directBytes, long heapBytes) {
        boolean ok() {
            return directBytes >= 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI metrics;

    NodeMetrics(URI adminUrl) {
        String base = adminUrl.toString();
        this.metrics = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/metrics");
    }

    Scrape scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(3)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Scrape(-1, -1);
            }
            return parse(r.body());
        } catch (IOException e) {
            return new Scrape(-1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Scrape(-1, -1);
        }
    }

    static Scrape parse(String page) {
        long direct = 0;
        long heap = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("jvm_buffer_memory_used_bytes{") && line.contains("id=\"direct\"")) {
                direct += value(line);
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value(line);
            }
        }
        return new Scrape(direct, heap);
    }

    private static long value(String line) {
        String[] parts = line.trim().split("\\s+");
        return (long) Double.parseDouble(parts[parts.length - 1]);
    }
}
