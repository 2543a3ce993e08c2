package io.hearth.client;

import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the application's {@link HearthListener} so that an exception thrown there is logged and cannot break the
 * client's state. Called on the client's event loop.
 */
final class SafeListener implements HearthListener {

    private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

    private final HearthListener delegate;

    SafeListener(HearthListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onMessages(List<Message> messages) {
        guard("onMessages", () -> delegate.onMessages(messages));
    }

    @Override
    public void onSuperGroupMessages(String groupId, List<Message> messages) {
        guard("onSuperGroupMessages", () -> delegate.onSuperGroupMessages(groupId, messages));
    }

    @Override
    public void onConnected() {
        guard("onConnected", delegate::onConnected);
    }

    @Override
    public void onDisconnected(Throwable cause) {
        guard("onDisconnected", () -> delegate.onDisconnected(cause));
    }

    @Override
    public void onNotice(Notice notice) {
        guard("onNotice", () -> delegate.onNotice(notice));
    }

    @Override
    public void onKicked(int code, String msg) {
        guard("onKicked", () -> delegate.onKicked(code, msg));
    }

    private static void guard(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("HearthListener.{} threw", callback, e);
        }
    }
}
