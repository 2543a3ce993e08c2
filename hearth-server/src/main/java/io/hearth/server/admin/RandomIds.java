package io.hearth.server.admin;

import java.security.SecureRandom;

/**
 * Ids and secrets the server API makes up when a request leaves them out: user ids of 10 lower-case letters and
 * digits without look-alikes, robot secrets of 16. Thread-safe.
 */
final class RandomIds {

    private static final char[] CHARS = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    String userId() {
        return of(10);
    }

    String secret() {
        return of(16);
    }

    private String of(int length) {
        char[] id = new char[length];
        for (int i = 0; i < id.length; i++) {
            id[i] = CHARS[random.nextInt(CHARS.length)];
        }
        return new String(id);
    }
}
