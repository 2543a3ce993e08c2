package io.hearth.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests that must know a port before the server binds it (a config file, a restart on the same port, an
 * nginx plan). They come from below Linux's ephemeral range (32768+), because meanwhile outgoing connections take
 * ephemeral ports (Hazelcast even binds them to the node's address), and this JVM never hands one out twice.
 */
public final class Ports {

    private static final int FIRST = 10_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port free on 127.0.0.1 now. */
    public static int free() {
        return free("127.0.0.1");
    }

    /** A port free on {@code host} now. */
    public static int free(String host) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            if (available(host, port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST + " on " + host);
    }

    /** Whether {@code port} was not handed out yet and can be bound on {@code host} now. */
    public static boolean available(String host, int port) {
        if (HANDED_OUT.contains(port)) {
            return false;
        }
        try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks ports chosen another way (e.g. from a port plan) as handed out. */
    public static void claim(int... ports) {
        for (int p : ports) {
            if (p > 0) {
                HANDED_OUT.add(p);
            }
        }
    }
}
