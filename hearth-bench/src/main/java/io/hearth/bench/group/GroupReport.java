package io.hearth.bench.group;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The result of a run as labelled lines, printed at the end (the rows of docs/benchmarks.md come from them). */
final class GroupReport {

    private final int cores;
    private final List<String> lines = new ArrayList<>();

    GroupReport(int cores) {
        this.cores = cores;
    }

    void line(String label, String text) {
        lines.add(String.format("%-13s %s", label, text));
    }

    /** {@code count} things over {@code seconds} as a rate and a rate per core, then {@code note}. */
    void rate(String label, String unit, long count, double seconds, String note) {
        double perSecond = perSecond(count, seconds);
        line(label, String.format("%.0f %s/s (%.0f per core on %d cores) over %.1f s%s", perSecond, unit,
                perSecond / cores, cores, seconds, note));
    }

    /** The measured phase in UTC wall-clock time, e.g. to cut a JFR recording of the node to it. */
    static String window(Instant start, double seconds) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        return "measured " + f.format(start) + "–" + f.format(start.plusMillis((long) (seconds * 1000))) + " UTC";
    }

    static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }

    void print() {
        System.out.println();
        lines.forEach(System.out::println);
    }
}
