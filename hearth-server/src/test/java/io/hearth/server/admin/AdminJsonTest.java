package io.hearth.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void messageUidIsReadFromANumberOrAStringOfDigits() throws Exception {
        assertThat(AdminJson.messageUid(body("{\"messageUid\":9007199254740991}"), "messageUid"))
                .isEqualTo(9_007_199_254_740_991L);
        assertThat(AdminJson.messageUid(body("{\"messageUid\":\"193288889792741376\"}"), "messageUid"))
                .isEqualTo(193_288_889_792_741_376L);
        assertThat(AdminJson.messageUid(body("{\"messageUid\":193288889792741376}"), "messageUid"))
                .isEqualTo(193_288_889_792_741_376L);
        assertThat(AdminJson.messageUid(body("{\"messageUid\":\"9223372036854775807\"}"), "messageUid"))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(AdminJson.messageUid(body("{\"messageUid\":1}"), "messageUid")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "\"0\"", "-5", "\"-5\"", "\"abc\"", "\"12abc\"", "\" 12\"", "\"+12\"", "1.5",
            "1e17", "\"9223372036854775808\"", "9223372036854775808", "\"99999999999999999999\"", "true", "[1]",
            "{\"a\":1}"})
    void badMessageUidsAre251(String value) throws Exception {
        JsonNode b = body("{\"messageUid\":" + value + "}");

        assertThatThrownBy(() -> AdminJson.messageUid(b, "messageUid")).isInstanceOf(StatusException.class)
                .satisfies(e -> assertThat(StatusException.statusOf(e)).isEqualTo(Status.INVALID_PARAMETER))
                .hasMessageContaining("messageUid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"messageUid\":null}", "{\"messageUid\":\"\"}"})
    void aMissingMessageUidIs251(String json) throws Exception {
        JsonNode b = body(json);

        assertThatThrownBy(() -> AdminJson.messageUid(b, "messageUid"))
                .satisfies(e -> assertThat(StatusException.statusOf(e)).isEqualTo(Status.INVALID_PARAMETER))
                .hasMessage("missing messageUid");
    }

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }
}
