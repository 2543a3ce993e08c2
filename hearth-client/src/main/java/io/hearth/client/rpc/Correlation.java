package io.hearth.client.rpc;

import java.nio.ByteBuffer;

/** The MQTT 5 Correlation Data of a request: its id as 8 big-endian bytes. */
public final class Correlation {

    public static final int LENGTH = Long.BYTES;

    private Correlation() {
    }

    public static byte[] encode(long id) {
        return ByteBuffer.allocate(LENGTH).putLong(id).array();
    }

    /** The id, or -1 when the data is missing or not 8 bytes long (not one of ours). */
    public static long decode(byte[] data) {
        if (data == null || data.length != LENGTH) {
            return -1;
        }
        return ByteBuffer.wrap(data).getLong();
    }
}
