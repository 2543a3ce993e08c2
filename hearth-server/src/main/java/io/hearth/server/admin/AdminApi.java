package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.common.ThrottledLog;
import java.util.concurrent.TimeUnit;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The server (admin) API on {@code http.admin.port}: every {@code POST /admin/...} action behind the signature
 * check, answered in the reference's envelope {@code {code,msg,result}} with HTTP 200. Pre-check failures (239,
 * 243, 244) nest the error in {@code result} as the reference does.
 */
public final class AdminApi {

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(AdminApi.class), 10,
            TimeUnit.SECONDS);

    private final AdminSignature signature;
    private final Map<String, AdminAction> actions = new LinkedHashMap<>();

    public AdminApi(AdminSignature signature) {
        this.signature = signature;
    }

    public AdminApi action(String path, AdminAction action) {
        actions.put(path, action);
        return this;
    }

    /** Adds every action as {@code POST path} to the router. */
    public void register(HttpRouter router) {
        actions.forEach((path, action) -> router.route("POST", path, call -> handle(call, action)));
    }

    private CompletableFuture<HttpResult> handle(HttpCall call, AdminAction action) {
        Status sig = signature.check(call);
        if (sig != Status.SUCCESS) {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("code", sig.code());
            inner.put("msg", sig.message());
            return CompletableFuture.completedFuture(HttpResult.envelope(sig, sig.message(), inner));
        }
        JsonNode body;
        try {
            body = call.body().length == 0 ? HttpResult.JSON.createObjectNode() : HttpResult.JSON.readTree(call.body());
            if (body == null || body.isNull() || body.isMissingNode()) {
                body = HttpResult.JSON.createObjectNode();
            }
        } catch (IOException e) {
            return CompletableFuture.completedFuture(
                    HttpResult.envelope(Status.INVALID_PARAMETER, "body is not JSON", null));
        }
        CompletableFuture<Object> result;
        try {
            result = action.handle(body);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, error) -> {
            if (error == null) {
                return HttpResult.envelope(Status.SUCCESS, Status.SUCCESS.message(), value);
            }
            Status s = StatusException.statusOf(error);
            if (s == Status.SERVER_ERROR) {
                log.warn(call.path(), "{} failed", call.path(), error);
            }
            return HttpResult.envelope(s, StatusException.messageOf(error), null);
        });
    }

}
