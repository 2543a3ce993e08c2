package io.hearth.server.drain;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Message;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java SDK client of one user, connected straight to one node, that records what it receives. Its backoff starts
 * at 5 s, so a reconnect that takes well under that was not a backoff retry.
 */
final class SdkUser implements HearthListener, AutoCloseable {

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger kicks = new AtomicInteger();
    final AtomicLong lastDisconnectNanos = new AtomicLong();
    final AtomicLong lastConnectNanos = new AtomicLong();
    HearthClient client;

    static SdkUser direct(TestNode node, Users.Login login) {
        SdkUser u = new SdkUser();
        u.client = HearthClient.builder()
                .directAddress(node.host(), node.mqttPort())
                .userId(login.userId()).clientId(login.clientId()).token(login.token())
                .platform(Platforms.ANDROID)
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .listener(u).build();
        u.client.connect().orTimeout(10, TimeUnit.SECONDS).join();
        return u;
    }

    List<String> texts() {
        return messages.stream().map(m -> m.getContent().getSearchableContent()).toList();
    }

    List<Long> seqs() {
        return messages.stream().map(Message::getSeq).toList();
    }

    @Override
    public void onMessages(List<Message> batch) {
        messages.addAll(batch);
    }

    @Override
    public void onConnected() {
        lastConnectNanos.set(System.nanoTime());
    }

    @Override
    public void onDisconnected(Throwable cause) {
        lastDisconnectNanos.set(System.nanoTime());
        disconnects.incrementAndGet();
    }

    @Override
    public void onKicked(int code, String msg) {
        kicks.incrementAndGet();
    }

    @Override
    public void close() {
        client.close();
    }
}
