package io.hearth.server.chatroom;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops idle chatroom members ({@code chatroom.participant_idle_time}) once a second, on its own daemon thread; a
 * failed sweep is logged and the next one runs.
 */
public final class ChatroomSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatroomSweeper.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-chatroom-sweeper");
        t.setDaemon(true);
        return t;
    });

    public ChatroomSweeper(ChatroomService chatrooms) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                chatrooms.sweep();
            } catch (RuntimeException e) {
                log.warn("chatroom sweep failed; retrying in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
