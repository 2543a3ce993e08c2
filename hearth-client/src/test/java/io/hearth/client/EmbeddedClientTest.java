package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.transport.ClientPipeline;
import io.hearth.client.transport.Endpoint;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageResult;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole client (supervisor, MQTT handler, RPC table, sync) against a scripted server over EmbeddedChannels.
 * The client's event loop is an embedded one: callbacks run inline, timers fire when the test advances time.
 * Each connection attempt gets a fresh client channel and {@link ScriptedServer}.
 */
abstract class EmbeddedClientTest {

    protected final EmbeddedChannel loopChannel = new EmbeddedChannel();
    protected final RecordingListener listener = new RecordingListener();
    protected final List<ScriptedServer> servers = new ArrayList<>();
    protected ClientConfig config;
    protected HearthClient client;

    @BeforeEach
    void setUp() {
        config = HearthClient.builder()
                .directAddress("hearth.test", 1883)
                .userId("alice").clientId("phone-1").token("tok-1").platform(Platforms.ANDROID)
                .keepAliveSeconds(30)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .listener(listener)
                // the scripted server answers each request by hand; super groups are followed in SuperGroupSyncTest
                .followSuperGroups(false)
                .config();
        client = new HearthClient(config, loopChannel.eventLoop(), this::open, null);
    }

    @AfterEach
    void tearDown() {
        client.close();
        servers.forEach(ScriptedServer::releaseAll);
        servers.forEach(s -> s.client.finishAndReleaseAll());
    }

    private CompletableFuture<Channel> open(Endpoint endpoint, ChannelHandler handler) {
        assertThat(endpoint).isEqualTo(new Endpoint("hearth.test", 1883, Transport.TCP));
        EmbeddedChannel channel = new EmbeddedChannel();
        ClientPipeline.addMqttTail(channel.pipeline(), config, handler);
        servers.add(new ScriptedServer(channel));
        return CompletableFuture.completedFuture(channel);
    }

    protected ScriptedServer server() {
        return servers.get(servers.size() - 1);
    }

    protected void advance(Duration d) {
        loopChannel.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
        loopChannel.runScheduledPendingTasks();
    }

    protected static Message msg(long seq) {
        return Message.newBuilder().setSeq(seq).setMessageUid(1000 + seq).setSender("bob").build();
    }

    protected static Reply pullReply(long from, long to, long head) {
        List<Message> messages = LongStream.rangeClosed(from, to).mapToObj(EmbeddedClientTest::msg).toList();
        return Reply.newBuilder().setPull(PullMessageResult.newBuilder().addAllMessages(messages)
                .setCurrent(messages.isEmpty() ? from - 1 : to).setHead(head)).build();
    }

    protected static Reply sendReply(long uid, long seq) {
        return Reply.newBuilder().setSend(SendMessageResult.newBuilder().setMessageUid(uid).setTimestamp(1).setSeq(seq))
                .build();
    }

    /** Connects and syncs entries 1..2. */
    protected void connected() {
        CompletableFuture<Void> connect = client.connect();
        server().acceptSession();
        ScriptedServer.Request pull = server().nextRequest();
        server().reply(pull, pullReply(1, 2, 2));
        assertThat(connect).isCompleted();
    }

    protected static int codeOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable cause = future.handle((v, e) -> e).join();
        assertThat(cause).isInstanceOf(HearthException.class);
        return ((HearthException) cause).code();
    }
}
