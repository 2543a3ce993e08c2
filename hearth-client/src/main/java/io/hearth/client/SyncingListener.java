package io.hearth.client;

import io.hearth.client.sync.SuperGroupSync;
import io.hearth.client.sync.VersionSyncs;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import java.util.List;

/**
 * The listener the client's internals call: session events and notices go first to the {@link VersionSyncs} and the
 * {@link SuperGroupSync} (which start pulls and never throw), then to the application's listener (already wrapped by {@link SafeListener}).
 * Called on the client's event loop.
 */
final class SyncingListener implements HearthListener {

    private final VersionSyncs syncs;
    private final SuperGroupSync superGroups;
    private final HearthListener app;

    /** {@code superGroups} null: the client does not follow super groups. */
    SyncingListener(VersionSyncs syncs, SuperGroupSync superGroups, HearthListener app) {
        this.syncs = syncs;
        this.superGroups = superGroups;
        this.app = app;
    }

    @Override
    public void onMessages(List<Message> messages) {
        app.onMessages(messages);
    }

    @Override
    public void onSuperGroupMessages(String groupId, List<Message> messages) {
        app.onSuperGroupMessages(groupId, messages);
    }

    @Override
    public void onConnected() {
        syncs.onConnected();
        if (superGroups != null) {
            superGroups.onConnected();
        }
        app.onConnected();
    }

    @Override
    public void onDisconnected(Throwable cause) {
        syncs.onDisconnected();
        if (superGroups != null) {
            superGroups.onDisconnected();
        }
        app.onDisconnected(cause);
    }

    @Override
    public void onNotice(Notice notice) {
        syncs.onNotice(notice);
        if (superGroups != null) {
            superGroups.onNotice(notice);
        }
        app.onNotice(notice);
    }

    @Override
    public void onKicked(int code, String msg) {
        syncs.onDisconnected();
        if (superGroups != null) {
            superGroups.onDisconnected();
        }
        app.onKicked(code, msg);
    }
}
