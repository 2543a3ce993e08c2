package io.hearth.bench.hostile;

import java.io.PrintStream;

/**
 * Samples the node every half second into the current phase (RSS, descriptors, direct memory, heap, new
 * memory errors in its log) and, every
 * {@code progressSeconds}, prints a progress line and keeps it as a {@link PhaseStats.Sample} (the over-time series
 * of long runs). Runs on its own daemon thread until {@link #close()}.
 */
final class Sampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 500;

    private final NodeProcess node;
    private final NodeMetrics metrics;
    private final Phases phases;
    private final LogWatch log;
    private final int progressSeconds;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean answering = true;

    Sampler(NodeProcess node, NodeMetrics metrics, LogWatch log, Phases phases, int progressSeconds,
            PrintStream out) {
        this.node = node;
        this.log = log;
        this.metrics = metrics;
        this.phases = phases;
        this.progressSeconds = progressSeconds;
        this.out = out;
        this.thread = new Thread(this::loop, "node-sampler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the last scrape of {@code /metrics} succeeded. */
    boolean answering() {
        return answering;
    }

    private void loop() {
        long nextProgress = System.nanoTime() + progressSeconds * 1_000_000_000L;
        long lastAcks = 0;
        PhaseStats lastPhase = null;
        while (running) {
            PhaseStats p = phases.current();
            if (p != null) {
                long rss = node.rssBytes();
                int fds = node.openFiles();
                NodeMetrics.Scrape s = metrics.scrape();
                answering = s.ok();
                p.rss.record(rss);
                p.fds.record(fds);
                p.direct.record(s.directBytes());
                p.heap.record(s.heapBytes());
                p.logged(log.scan());
                if (p != lastPhase) {
                    lastPhase = p;
                    lastAcks = 0;
                }
                if (System.nanoTime() >= nextProgress) {
                    nextProgress += progressSeconds * 1_000_000_000L;
                    long acks = p.acks.sum();
                    double rate = (acks - lastAcks) / (double) progressSeconds;
                    lastAcks = acks;
                    p.samples.add(new PhaseStats.Sample(p.seconds(), rss, s.directBytes(), s.heapBytes(), fds, rate));
                    out.printf("  %-18s %-9s t=%4.0fs  legit %6.0f acks/s, %d failed  rss %s  direct %s  heap %s"
                                    + "  fds %d%s%n", p.attack, p.phase, p.seconds(), rate, p.failures.sum(),
                            Report.mb(rss), Report.mb(s.directBytes()), Report.mb(s.heapBytes()), fds,
                            s.ok() ? "" : "  (node not answering /metrics)");
                }
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
