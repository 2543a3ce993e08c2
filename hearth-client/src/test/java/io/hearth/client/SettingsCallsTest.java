package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.PullSettingResult;
import io.hearth.protocol.pb.PutSettingRequest;
import io.hearth.protocol.pb.PutSettingResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SettingEntry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code client.settings()}: put and pull, with the server's codes as failures. */
class SettingsCallsTest extends EmbeddedClientTest {

    @Test
    void putSendsScopeKeyValueAndCompletesWithTheNewVersion() throws Exception {
        connected();
        CompletableFuture<PutSettingResult> put = client.settings().put(1, "0-bob-0", "1");
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/setting.put");
        assertThat(PutSettingRequest.parseFrom(r.payload())).isEqualTo(PutSettingRequest.newBuilder().setScope(1)
                .setKey("0-bob-0").setValue("1").build());
        server().reply(r, Reply.newBuilder().setSettingPut(PutSettingResult.newBuilder().setVersion(1700)).build());
        assertThat(put.join().getVersion()).isEqualTo(1700);

        client.settings().put(2, null, null);
        assertThat(PutSettingRequest.parseFrom(server().nextRequest().payload()))
                .isEqualTo(PutSettingRequest.newBuilder().setScope(2).build());
    }

    @Test
    void aRefusedPutFailsWithTheServersCode() {
        connected();
        CompletableFuture<PutSettingResult> put = client.settings().put(29, "k", "v");
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(251)
                .setMsg("scope 29 is neither a built-in scope (1..28) nor a custom one (1000 and up)").build());
        assertThat(codeOf(put)).isEqualTo(251);
        assertThat(put.handle((v, e) -> e.getMessage()).join()).startsWith("scope 29");
    }

    @Test
    void pullAsksSinceItsVersionAndCompletesWithOnePage() throws Exception {
        connected();
        CompletableFuture<PullSettingResult> pull = client.settings().pull(1700);
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/setting.pull");
        assertThat(PullSettingRequest.parseFrom(r.payload()).getSinceVersion()).isEqualTo(1700);
        PullSettingResult page = PullSettingResult.newBuilder().setVersion(1800).setHead(1900)
                .addEntries(SettingEntry.newBuilder().setScope(3).setKey("0-bob-0").setValue("1").setVersion(1800))
                .build();
        server().reply(r, Reply.newBuilder().setSettingPull(page).build());
        assertThat(pull.join()).isEqualTo(page);
        assertThat(server().next()).isNull(); // a bare pull does not follow the page: a sync does
    }
}
