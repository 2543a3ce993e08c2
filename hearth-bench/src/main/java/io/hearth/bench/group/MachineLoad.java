package io.hearth.bench.group;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's load over a phase, from Linux's {@code /proc}: the 1-minute load average at its end, the share of
 * all cores busy during it ({@code /proc/stat}), this JVM's CPU and that of the watched processes (the node, the
 * database), so that on a shared machine the busy time splits into the bench's, the node's and other work. Zeros
 * where {@code /proc} is missing. Called from the bench's main thread.
 */
final class MachineLoad {

    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, List<Integer>> watched;
    private final long busy0;
    private final long total0;
    private final long cpu0;
    private final Map<String, Long> ticks0 = new LinkedHashMap<>();

    private MachineLoad(Map<String, List<Integer>> watched) {
        this.watched = watched;
        long[] stat = stat();
        this.busy0 = stat[0];
        this.total0 = stat[1];
        this.cpu0 = processCpuNanos();
        watched.forEach((name, pids) -> ticks0.put(name, ticks(pids)));
    }

    static MachineLoad start(Map<String, List<Integer>> watched) {
        return new MachineLoad(watched);
    }

    /** {@code name=pid+pid,name=pid} (the option's form) as names to pids. */
    static Map<String, List<Integer>> parse(String spec) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("--watch wants name=pid+pid,…, not " + part);
            }
            List<Integer> pids = new ArrayList<>();
            for (String p : kv[1].split("\\+")) {
                pids.add(Integer.parseInt(p.trim()));
            }
            out.put(kv[0].trim(), pids);
        }
        return out;
    }

    /** E.g. {@code load average 3.1, cores 96 % busy: this JVM 0.40, node 1.30 of 2 cores}, over {@code seconds}. */
    String describe(double seconds) {
        long[] now = stat();
        long total = now[1] - total0;
        double busy = total == 0 ? 0 : 100.0 * (now[0] - busy0) / total;
        StringBuilder s = new StringBuilder(String.format("load average %s, cores %.0f %% busy: this JVM %.2f",
                loadAverage(), busy, (processCpuNanos() - cpu0) / 1e9 / seconds));
        watched.forEach((name, pids) -> s.append(String.format(", %s %.2f", name,
                (ticks(pids) - ticks0.get(name)) / TICKS_PER_SECOND / seconds)));
        return s.append(String.format(" of %d cores", Runtime.getRuntime().availableProcessors())).toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** User + system ticks of these processes ({@code /proc/<pid>/stat} fields 14 and 15); a gone one counts 0. */
    private static long ticks(List<Integer> pids) {
        long sum = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                // the process ended
            }
        }
        return sum;
    }

    /** {busy, total} jiffies of all cores: total = user … steal (guest is in user), busy = total − idle − iowait. */
    private static long[] stat() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
