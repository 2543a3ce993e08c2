package io.hearth.client.setting;

import io.hearth.client.rpc.Caller;
import io.hearth.client.sync.VersionListener;
import io.hearth.client.sync.VersionPage;
import io.hearth.client.sync.VersionSync;
import io.hearth.client.sync.VersionSyncs;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.PullSettingResult;
import io.hearth.protocol.pb.PutSettingRequest;
import io.hearth.protocol.pb.PutSettingResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.SettingEntry;
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of the user-setting RPCs ({@code HearthClient.settings()}): {@code (scope, key) → value} entries
 * shared by all devices of the user. Scopes are the reference's 1..28 (1 conversation silent, 2 global silent,
 * 3 conversation top, ...; see docs/protocol.md) and the application's own from 1000. Every future completes on the
 * client's event loop with the reply's result, or fails with a {@link io.hearth.client.HearthException} carrying the
 * server's code (251 scope out of range, key or value too long; 250 over the rate limit). Null strings are sent as
 * empty. The version of every put is handed to this client's {@link #sync}s, so they pull it (the writing session
 * gets no Notice). Any thread.
 */
public final class Settings {

    private final Caller caller;
    private final VersionSyncs syncs;

    public Settings(Caller caller, VersionSyncs syncs) {
        this.caller = caller;
        this.syncs = syncs;
    }

    /** {@code setting.put}: writes one setting (an empty value clears it); the result is the new setting version. */
    public CompletableFuture<PutSettingResult> put(int scope, String key, String value) {
        PutSettingRequest request = PutSettingRequest.newBuilder().setScope(scope).setKey(nz(key)).setValue(nz(value))
                .build();
        return caller.call(Methods.SETTING_PUT, request, Reply.ResultCase.SETTING_PUT, reply -> {
            PutSettingResult r = reply.getSettingPut();
            syncs.observed(NoticeKinds.SETTING, r.getVersion());
            return r;
        });
    }

    /**
     * {@code setting.pull}: one page (at most 500, in version order) of the entries written after
     * {@code sinceVersion} (0: every setting); pull again from the result's {@code version} while it is below
     * {@code head}. A {@link #sync} does that by itself.
     */
    public CompletableFuture<PullSettingResult> pull(long sinceVersion) {
        return caller.call(Methods.SETTING_PULL, PullSettingRequest.newBuilder().setSinceVersion(sinceVersion).build(),
                Reply.ResultCase.SETTING_PULL, Reply::getSettingPull);
    }

    /**
     * Keeps the app's settings in step from {@code fromVersion} (0: everything): {@code listener} gets the written
     * {@link SettingEntry}s (an empty value: cleared) a page at a time, with the setting version to persist.
     */
    public VersionSync<SettingEntry> sync(long fromVersion, VersionListener<SettingEntry> listener) {
        return syncs.register(NoticeKinds.SETTING, SessionInfoResult::getSettingVersion,
                since -> pull(since).thenApply(r -> new VersionPage<>(r.getEntriesList(), r.getVersion(), r.getHead())),
                listener, fromVersion);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
