package io.hearth.server.drain;

import io.hearth.client.HearthClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Sends {@code m0, m1, ...} to one user through an SDK client, one every 10 ms, on its own thread, until stopped. */
final class Sender implements AutoCloseable {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    Sender(HearthClient client, String to) {
        thread = new Thread(() -> {
            try {
                for (int i = 0; running; i++) {
                    client.sendText(to, "m" + i).get(10, TimeUnit.SECONDS);
                    sent.add("m" + i);
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }, "drain-it-sender");
        thread.start();
    }

    /** What was acknowledged so far. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    /** Stops sending; returns every acknowledged message in order; fails if a send failed. */
    List<String> stop() throws InterruptedException {
        running = false;
        thread.join(15_000);
        if (failure != null) {
            throw new AssertionError("a send failed", failure);
        }
        return List.copyOf(sent);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(15_000);
    }
}
