package io.hearth.server.sensitive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.admin.AdminActions;
import io.hearth.server.admin.AdminApi;
import io.hearth.server.common.FieldCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API of the word list: {@code /admin/sensitive/add} and {@code del} take {@code {words:[...]}} (a bare JSON
 * array is accepted too), {@code query} answers {@code {words:[...]}}. Called on the admin port's event loop.
 */
public final class SensitiveActions implements AdminActions {

    private final SensitiveWords words;

    public SensitiveActions(SensitiveWords words) {
        this.words = words;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/sensitive/add", b -> words.add(words(b)).thenApply(v -> null))
                .action("/admin/sensitive/del", b -> words.remove(words(b)).thenApply(v -> null))
                .action("/admin/sensitive/query", b -> words.all().thenApply(all -> Map.of("words", all)));
    }

    /** The {@code words} array of the body (or the body itself when it is an array); 251 when missing or mixed. */
    private static List<String> words(JsonNode body) {
        JsonNode list = body.isArray() ? body : body.get("words");
        if (list == null || list.isNull()) {
            throw FieldCheck.invalid("missing words");
        }
        if (!list.isArray()) {
            throw FieldCheck.invalid("words must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw FieldCheck.invalid("words[" + i + "] is not a string");
            }
            out.add(list.get(i).asText());
        }
        return out;
    }
}
