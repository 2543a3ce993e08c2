package io.hearth.bench.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Scans the node's log file (when given) for what a memory failure leaves behind: {@code OutOfMemoryError} and
 * {@code Cannot reserve … direct buffer memory}. Each {@link #scan} reads only what was appended since the previous
 * one (buffered: a node under attack may log hundreds of MB). Called from the sampler's thread only.
 */
final class LogWatch {

    /** Lines found since the previous scan; -1 without a log file. */
    record Found(long outOfMemory, long directMemory) {
    }

    private final Path file;
    private long offset;

    LogWatch(Path file) {
        this.file = file;
        this.offset = file == null ? 0 : file.toFile().length();
    }

    Found scan() {
        if (file == null) {
            return new Found(-1, -1);
        }
        long oom = 0;
        long direct = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            if (end < offset) {
                offset = 0; // rotated or truncated
            }
            ch.position(offset);
            BufferedReader r = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8), 1 << 16);
            String line;
            long read = 0;
            while (read < end - offset && (line = r.readLine()) != null) {
                read += line.length() + 1;
                if (line.contains("OutOfMemoryError")) {
                    oom++;
                }
                if (line.contains("Cannot reserve") && line.contains("direct buffer memory")) {
                    direct++;
                }
            }
            offset = end;
        } catch (IOException e) {
            return new Found(-1, -1);
        }
        return new Found(oom, direct);
    }
}
