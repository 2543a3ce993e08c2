package io.hearth.bench.chatroom;

import com.google.protobuf.ByteString;
import io.hearth.protocol.pb.Message;
import java.nio.ByteBuffer;

/** A message's send time ({@link System#nanoTime()}) carried in its content's {@code data}. */
final class Stamp {

    private Stamp() {
    }

    static ByteString of(long sentAt) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(sentAt).array());
    }

    static long sentAt(Message m) {
        ByteString d = m.getContent().getData();
        return d.size() == 8 ? d.asReadOnlyByteBuffer().getLong() : System.nanoTime();
    }
}
