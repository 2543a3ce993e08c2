package io.hearth.server.admin;

/**
 * A growable set of 64-bit fingerprints in one {@code long[]} (open addressing, linear probing): about 11 to 21 bytes
 * per entry where a {@code HashSet<Long>} takes some 60. Entries are never removed one by one; the owner drops the
 * whole set when its time bucket expires. Not thread-safe: {@link LocalNonceLedger} guards it.
 */
final class FingerprintSet {

    private static final long EMPTY = 0;
    private long[] slots = new long[16];
    private int size;

    /** Adds {@code fingerprint}; false if it was there already. */
    boolean add(long fingerprint) {
        long fp = fingerprint == EMPTY ? 1 : fingerprint;
        if ((size + 1) * 4L > slots.length * 3L) {
            grow();
        }
        return insert(slots, fp);
    }

    boolean contains(long fingerprint) {
        long fp = fingerprint == EMPTY ? 1 : fingerprint;
        int mask = slots.length - 1;
        for (int i = index(fp, mask); slots[i] != EMPTY; i = (i + 1) & mask) {
            if (slots[i] == fp) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private boolean insert(long[] table, long fp) {
        int mask = table.length - 1;
        int i = index(fp, mask);
        while (table[i] != EMPTY) {
            if (table[i] == fp) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = fp;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long fp : old) {
            if (fp != EMPTY) {
                insert(slots, fp);
            }
        }
    }

    private static int index(long fp, int mask) {
        long h = fp * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
