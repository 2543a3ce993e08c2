package io.hearth.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.MessagePush;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of encoding one push of a single text message, protobuf and proto3 JSON, as the registry does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PushEncodingBenchmark {

    private static final JsonFormat.Printer JSON =
            JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

    private final Message message = Message.newBuilder()
            .setMessageUid(192667390868209664L).setSender("alice")
            .setConversation(Conversation.newBuilder().setType(0).setTarget("alice"))
            .setContent(MessageContent.newBuilder().setType(1).setSearchableContent("hello, how are you today?")
                    .setPersistFlag(3))
            .setServerTime(1795938171140L).setSeq(42).build();

    @Benchmark
    public byte[] protobuf() {
        return MessagePush.newBuilder().addMessages(message).setHead(42).build().toByteArray();
    }

    @Benchmark
    public String json() throws InvalidProtocolBufferException {
        return JSON.print(MessagePush.newBuilder().addMessages(message).setHead(42).build());
    }
}
