package io.hearth.bench.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Formats the phases: one Markdown table row each (pasteable into docs/benchmarks.md), the attacker's status under
 * each attack, and the same figures as JSON. Stateless.
 */
final class Report {

    static final String HEADER = "| Attack | Phase | Legit acks/s | Failed (codes) | Ack p50 / p99 ms "
            + "| Delivery p50 / p99 ms | Logins ok / failed | RSS max / end MB | Direct max / end MB | fds max "
            + "| OOM / direct errors in log |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|";

    private Report() {
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : Long.toString(Math.round(bytes / 1048576.0));
    }

    static String row(PhaseStats p) {
        Histogram ack = p.ackLatency.snapshot();
        Histogram delivery = p.deliveryLatency.snapshot();
        return String.format("| %s | %s | %.0f | %d%s | %s | %s | %d / %d | %s / %s | %s / %s | %d | %s |",
                p.attack, p.phase, p.acksPerSecond(), p.failures.sum(), p.codes().isEmpty() ? "" : " " + p.codes(),
                percentiles(ack), percentiles(delivery), p.loginsOk.sum(), p.loginsFailed.sum(), mb(p.rss.max()),
                mb(p.rss.last()), mb(p.direct.max()), mb(p.direct.last()), p.fds.max(),
                p.oomErrors < 0 ? "n/a" : p.oomErrors + " / " + p.directMemoryErrors);
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format("%.1f / %.1f", h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    static void table(PrintStream out, List<PhaseStats> phases) {
        out.println(HEADER);
        for (PhaseStats p : phases) {
            if (!"warm-up".equals(p.phase)) {
                out.println(row(p));
            }
        }
        out.println();
        for (PhaseStats p : phases) {
            if (!p.attackerStatus.isEmpty()) {
                out.println("- " + p.attack + ": " + p.attackerStatus);
            }
        }
    }

    static void json(Path file, Map<String, Object> run, List<PhaseStats> phases) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PhaseStats p : phases) {
            Histogram ack = p.ackLatency.snapshot();
            Histogram delivery = p.deliveryLatency.snapshot();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("attack", p.attack);
            r.put("phase", p.phase);
            r.put("seconds", p.seconds());
            r.put("acksPerSecond", p.acksPerSecond());
            r.put("acks", p.acks.sum());
            r.put("failed", p.failures.sum());
            r.put("failureCodes", p.codes());
            r.put("ackMillis", latency(ack));
            r.put("deliveryMillis", latency(delivery));
            r.put("received", p.received.sum());
            r.put("loginsOk", p.loginsOk.sum());
            r.put("loginsFailed", p.loginsFailed.sum());
            r.put("rssBytes", Map.of("max", p.rss.max(), "end", p.rss.last()));
            r.put("directBytes", Map.of("max", p.direct.max(), "end", p.direct.last()));
            r.put("heapBytes", Map.of("max", p.heap.max(), "end", p.heap.last()));
            r.put("fdsMax", p.fds.max());
            r.put("outOfMemoryErrors", p.oomErrors);
            r.put("directMemoryErrors", p.directMemoryErrors);
            r.put("attacker", p.attackerStatus);
            r.put("samples", p.samples);
            rows.add(r);
        }
        Map<String, Object> doc = new LinkedHashMap<>(run);
        doc.put("phases", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    private static Map<String, Object> latency(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            m.put("p50", h.getValueAtPercentile(50) / 1000.0);
            m.put("p99", h.getValueAtPercentile(99) / 1000.0);
            m.put("max", h.getMaxValue() / 1000.0);
        }
        return m;
    }
}
