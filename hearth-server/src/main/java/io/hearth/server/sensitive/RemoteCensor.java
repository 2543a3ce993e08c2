package io.hearth.server.sensitive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.admin.PayloadJson;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.Send;
import io.hearth.server.message.SendCheck;
import io.hearth.server.transport.http.HttpResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference's remote censor ({@code sensitive.remote_server_url}): before a client's message of the types in
 * {@code sensitive.remote_sensitive_message_type} (empty: every type) is sent, its {@code SendMessageData}
 * {@code {sender, conv, payload, toUsers}} is POSTed there. 200 sends it (a non-empty body is the replacement
 * {@code MessagePayload}); 403 blocks it: refused with 242 when {@code sensitive.remote_fail_when_matched}, else
 * accepted and dropped; any other status sends it. Beyond the reference, the call has a timeout
 * ({@code sensitive.remote_timeout_ms}) and what happens when it times out or the censor cannot be reached is
 * configured ({@code sensitive.remote_fallback}: 0 send, 1 refuse with 4). Server API sends are not censored, as they
 * are not filtered. Never blocks the sender's thread.
 */
public final class RemoteCensor implements SendCheck {

    private static final Logger log = LoggerFactory.getLogger(RemoteCensor.class);

    private final HearthConfig.Censor config;
    private final HttpClient http;
    private final MeterRegistry metrics;

    public RemoteCensor(HearthConfig.Censor config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.timeoutMs())).build();
    }

    @Override
    public CompletableFuture<Send> check(Send send) {
        MessageContent c = send.request().getContent();
        if (send.origin() != Send.Origin.CLIENT || send.dropped()
                || !config.types().isEmpty() && !config.types().contains(c.getType())) {
            return CompletableFuture.completedFuture(send);
        }
        byte[] body;
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sender", send.sender());
            data.put("conv", PayloadJson.json(send.request().getConversation()));
            data.put("payload", PayloadJson.json(c));
            if (send.request().getToUsersCount() > 0) {
                data.put("toUsers", send.request().getToUsersList());
            }
            body = HttpResult.JSON.writeValueAsBytes(data);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.url()))
                .timeout(Duration.ofMillis(config.timeoutMs()))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).handle((r, error) -> {
            if (error != null) {
                return unreachable(send, error);
            }
            return answered(send, r.statusCode(), r.body());
        });
    }

    private Send answered(Send send, int status, byte[] body) {
        if (status == 403) {
            metrics.counter("hearth.censor.answers", "answer", "blocked").increment();
            if (config.failWhenMatched()) {
                throw new StatusException(Status.SENSITIVE_MATCHED, "the remote censor blocked the message");
            }
            return send.drop();
        }
        if (status == 200 && body.length > 0) {
            try {
                JsonNode payload = HttpResult.JSON.readTree(body);
                if (payload != null && payload.isObject() && payload.size() > 0) {
                    metrics.counter("hearth.censor.answers", "answer", "replaced").increment();
                    return send.withContent(PayloadJson.content(payload));
                }
            } catch (IOException | RuntimeException e) {
                log.warn("the remote censor answered 200 with a body that is no MessagePayload; sent unchanged: {}",
                        e.toString());
            }
        }
        metrics.counter("hearth.censor.answers", "answer", "sent").increment();
        return send;
    }

    private Send unreachable(Send send, Throwable error) {
        metrics.counter("hearth.censor.answers", "answer", "unreachable").increment();
        log.warn("remote censor {} not answering ({}); {}", config.url(), error.toString(),
                config.fallback() == 0 ? "message sent" : "message refused");
        if (config.fallback() == 0) {
            return send;
        }
        throw new StatusException(Status.SERVER_ERROR, "the remote censor did not answer");
    }
}
