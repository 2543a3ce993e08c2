package io.hearth.client;

import io.hearth.client.sync.VersionSyncs;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import java.util.List;

/**
 * The listener the client's internals call: session events and notices go first to the {@link VersionSyncs} (which
 * start pulls and never throw), then to the application's listener (already wrapped by {@link SafeListener}).
 * Called on the client's event loop.
 */
final class SyncingListener implements HearthListener {

    private final VersionSyncs syncs;
    private final HearthListener app;

    SyncingListener(VersionSyncs syncs, HearthListener app) {
        this.syncs = syncs;
        this.app = app;
    }

    @Override
    public void onMessages(List<Message> messages) {
        app.onMessages(messages);
    }

    @Override
    public void onConnected() {
        syncs.onConnected();
        app.onConnected();
    }

    @Override
    public void onDisconnected(Throwable cause) {
        syncs.onDisconnected();
        app.onDisconnected(cause);
    }

    @Override
    public void onNotice(Notice notice) {
        syncs.onNotice(notice);
        app.onNotice(notice);
    }

    @Override
    public void onKicked(int code, String msg) {
        syncs.onDisconnected();
        app.onKicked(code, msg);
    }
}
