package io.hearth.server.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.nio.charset.StandardCharsets;

/** One request payload and its format; {@link #parse} reads it as the method's request message. */
public record RpcRequest(String method, byte[] payload, boolean json) {

    private static final JsonFormat.Parser JSON = JsonFormat.parser();

    /** Parses the payload into a message of the prototype's type; fails with 2 (invalid data). */
    @SuppressWarnings("unchecked")
    public <T extends Message> T parse(T prototype) {
        try {
            if (json) {
                Message.Builder b = prototype.newBuilderForType();
                JSON.merge(new String(payload, StandardCharsets.UTF_8), b);
                return (T) b.build();
            }
            return (T) prototype.getParserForType().parseFrom(payload);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new StatusException(Status.INVALID_DATA, "payload is not a valid " + prototype.getDescriptorForType()
                    .getName() + (json ? " in JSON" : "") + ": " + e.getMessage());
        }
    }
}
