package io.hearth.server.setting;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.PullSettingResult;
import io.hearth.protocol.pb.PutSettingRequest;
import io.hearth.protocol.pb.PutSettingResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.SettingEntry;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.SessionFacet;
import java.util.function.Consumer;

/**
 * The settings feature's RPC methods, {@code setting.put} and {@code setting.pull}, and its part of
 * {@code session.info} (the caller's setting version). Called on event loops.
 */
public final class SettingMethods {

    private SettingMethods() {
    }

    public static void register(RpcRegistry rpc, UserSettings settings) {
        rpc.register(Methods.SETTING_PUT, (caller, req) -> {
            PutSettingRequest p = req.parse(PutSettingRequest.getDefaultInstance());
            return settings.put(caller.userId(), caller.clientId(), p.getScope(), p.getKey(), p.getValue())
                    .thenApply(s -> Reply.newBuilder()
                            .setSettingPut(PutSettingResult.newBuilder().setVersion(s.version())).build());
        });
        rpc.register(Methods.SETTING_PULL, (caller, req) -> {
            PullSettingRequest p = req.parse(PullSettingRequest.getDefaultInstance());
            return settings.pull(caller.userId(), p.getSinceVersion()).thenApply(page -> {
                PullSettingResult.Builder b = PullSettingResult.newBuilder().setVersion(page.version())
                        .setHead(page.head());
                page.entries().forEach(e -> b.addEntries(SettingEntry.newBuilder().setScope(e.scope())
                        .setKey(e.key()).setValue(e.value()).setVersion(e.version())));
                return Reply.newBuilder().setSettingPull(b).build();
            });
        });
    }

    /** The caller's setting version. */
    public static SessionFacet version(UserSettings settings) {
        return caller -> settings.head(caller.userId())
                .thenApply(v -> (Consumer<SessionInfoResult.Builder>) b -> b.setSettingVersion(v));
    }
}
