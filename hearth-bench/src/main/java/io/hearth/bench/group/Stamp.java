package io.hearth.bench.group;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;

/**
 * The bench's message {@code data}: a 4-byte mark, the send time ({@link System#nanoTime()}, 8 bytes) and the phase
 * (1 byte: 0 warm-up, 1 measured), so that a warm-up message arriving late is never counted as a measured one. The
 * bench's senders and receivers are one JVM, so the send time is read on the clock that stamped it.
 */
final class Stamp {

    static final byte WARMUP = 0;
    static final byte MEASURED = 1;
    private static final int MARK = 0x48424731; // "HBG1"
    private static final int SIZE = 13;

    private Stamp() {
    }

    static ByteString of(long sentAt, byte phase) {
        return ByteString.copyFrom(ByteBuffer.allocate(SIZE).putInt(MARK).putLong(sentAt).put(phase).array());
    }

    /** Whether {@code data} is a stamp at all (other messages, such as group notifications, are not). */
    static boolean is(ByteString data) {
        return data.size() == SIZE && data.asReadOnlyByteBuffer().getInt() == MARK;
    }

    static long sentAt(ByteString data) {
        return data.asReadOnlyByteBuffer().getLong(4);
    }

    static boolean measured(ByteString data) {
        return data.byteAt(12) == MEASURED;
    }
}
