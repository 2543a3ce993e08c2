package io.hearth.bench.group;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load over a phase, from Linux's {@code /proc}: the 1-minute load average at its end, the share of
 * all cores busy during it ({@code /proc/stat}) and this JVM's CPU time. On a shared machine that says how much of
 * the busy time was the bench's (node included when embedded) and how much other work. Zeros where {@code /proc}
 * is missing. Called from the bench's main thread.
 */
final class MachineLoad {

    private final long busy0;
    private final long total0;
    private final long cpu0;

    private MachineLoad(long[] stat, long cpu) {
        this.busy0 = stat[0];
        this.total0 = stat[1];
        this.cpu0 = cpu;
    }

    static MachineLoad start() {
        return new MachineLoad(stat(), processCpuNanos());
    }

    /** E.g. {@code load 3.1, cores 96 % busy, this JVM 1.7 cores}, for {@code seconds} since the start. */
    String describe(double seconds) {
        long[] now = stat();
        long total = now[1] - total0;
        double busy = total == 0 ? 0 : 100.0 * (now[0] - busy0) / total;
        double jvmCores = (processCpuNanos() - cpu0) / 1e9 / seconds;
        return String.format("load average %s, cores %.0f %% busy, this JVM %.2f of %d cores", loadAverage(), busy,
                jvmCores, Runtime.getRuntime().availableProcessors());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** {busy, total} jiffies of all cores: total = user … steal (guest time is in user), busy = total − idle − iowait. */
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
