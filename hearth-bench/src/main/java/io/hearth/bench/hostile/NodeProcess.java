package io.hearth.bench.hostile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The node's process as Linux shows it in {@code /proc}: its resident memory, open descriptors and descriptor
 * limit, and, when no pid is given, the process that owns the listening socket of a port (found through the socket
 * inode in {@code /proc/net/tcp*} and the descriptors of the processes this user may read). Stateless apart from
 * the pid; any thread.
 */
final class NodeProcess {

    private final long pid;

    NodeProcess(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** VmRSS in bytes, or -1 when the process is gone. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Open descriptors, or -1 when unreadable. */
    int openFiles() {
        String[] names = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
        return names == null ? -1 : names.length;
    }

    /** The soft "Max open files" limit, or -1. */
    long maxOpenFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The process listening on TCP {@code port} (any address), if this user can see it. */
    static OptionalLong listening(int port) throws IOException {
        String inode = null;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])
                        && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
                    inode = f[9];
                }
            }
        }
        if (inode == null) {
            return OptionalLong.empty();
        }
        String socket = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                if (ownsSocket(proc.resolve("fd"), socket)) {
                    return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean ownsSocket(Path fdDir, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (socket.equals(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }
}
