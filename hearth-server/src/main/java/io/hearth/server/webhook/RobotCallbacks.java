package io.hearth.server.webhook;

import io.hearth.server.event.EventHook;
import io.hearth.server.message.MessageStored;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message to a robot (a single chat to it, or a group message it receives as a member) is POSTed to the robot's
 * callback, as the reference does, through the outbox: signed, retried, in order per robot, never lost once written
 * (written right after the message's commit, from its {@link MessageStored} event). The robots' callbacks are read
 * again every {@value #REFRESH_MS} ms on each node, so a callback set through any node is used within that.
 * Messages the robot sent itself are not called back.
 */
public final class RobotCallbacks {

    static final long REFRESH_MS = 2000;
    private static final Logger log = LoggerFactory.getLogger(RobotCallbacks.class);

    private final Outbox outbox;
    private final Supplier<Map<String, String>> load;
    private final AtomicReference<Map<String, String>> callbacks = new AtomicReference<>(Map.of());
    private volatile long loadedAt;

    /** {@code load}: robot id to callback URL, of every robot that has one (a blocking read). */
    public RobotCallbacks(Outbox outbox, Supplier<Map<String, String>> load) {
        this.outbox = outbox;
        this.load = load;
    }

    public void listen(EventHook events) {
        events.listen("webhook-robot", MessageStored.class, this::stored);
    }

    private void stored(MessageStored e) {
        Map<String, String> now = current();
        if (now.isEmpty()) {
            return;
        }
        for (String receiver : e.receivers()) {
            String url = now.get(receiver);
            if (url != null && !receiver.equals(e.message().sender())) {
                outbox.writeTo(WebhookKind.ROBOT_MESSAGE, url, WebhookBodies.message(e.message(), null));
            }
        }
    }

    /** Read on the listener's own thread, at most every {@value #REFRESH_MS} ms. */
    private Map<String, String> current() {
        long t = System.currentTimeMillis();
        if (t - loadedAt >= REFRESH_MS) {
            try {
                callbacks.set(Map.copyOf(load.get()));
                loadedAt = t;
            } catch (RuntimeException ex) {
                log.warn("robot callbacks not read again ({}); using the last ones", ex.toString());
            }
        }
        return callbacks.get();
    }
}
