package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * One server API action: takes the JSON body (a missing body is an empty object) and completes with the value
 * of {@code result}, or null for none. Expected failures are {@code StatusException}s. Called on an event loop.
 */
@FunctionalInterface
public interface AdminAction {

    CompletableFuture<Object> handle(JsonNode body);
}
