package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.ANDROID;
import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Limits.EMOJI;
import static io.hearth.server.it.Limits.atLimit;
import static io.hearth.server.it.Limits.fill;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user and session field of the server API at its limit is stored (in ASCII, accented letters and emoji) and
 * one character more is 251 naming the field, never 4, on H2 and on PostgreSQL; the node keeps answering.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class FieldLimitsIT {

    private static TestNode node;

    FieldLimitsIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        node = TestNode.start(database.settings());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static Stream<Arguments> userFields() {
        return Stream.of(Arguments.of("name", 128), Arguments.of("displayName", 256), Arguments.of("portrait", 2048),
                Arguments.of("mobile", 64), Arguments.of("email", 256), Arguments.of("address", 1024),
                Arguments.of("company", 256), Arguments.of("social", 4096), Arguments.of("extra", 8192));
    }

    @ParameterizedTest(name = "{0} at most {1}")
    @MethodSource("userFields")
    void createStoresAUserFieldAtItsLimitAndRefusesOneCharacterMore(String field, int max) {
        for (String value : atLimit(max)) {
            String userId = id("at-limit");
            assertThat(code(create(userId, field, value))).isZero();
            assertThat(info(userId).path(field).asText()).isEqualTo(value);
        }

        Limits.assertRefused(create(id("over"), field, "x".repeat(max + 1)), field + " longer than " + max);
        Limits.assertRefused(create(id("over"), field, EMOJI.repeat(max / 2) + "x"), field + " longer than " + max);
        Limits.assertRefused(create(id("nul"), field, "a\u0000b"), field + " contains an invalid character");
        Limits.assertServerApiWorks(node);
    }

    @Test
    void aUserIdOfSixtyFourCharactersInAnyScriptIsAUserWithTokensAndRoutes() throws Exception {
        for (String unit : new String[] {"x", "\u00e9", EMOJI}) {
            String userId = fill(id("u"), unit, 64);
            String clientId = fill(id("c"), unit, 128);
            assertThat(code(create(userId, "name", "n"))).isZero();
            assertThat(info(userId).path("userId").asText()).isEqualTo(userId);

            String token = node.admin().token(userId, clientId, ANDROID);

            assertThat(Limits.route(node, userId, clientId, token).path("code").asInt(-1)).isZero();
            try (Mqtt5Peer peer = Mqtt5Peer.connect(node.mqttPort(), userId, clientId, token)) {
                assertThat(peer.isConnected()).isTrue();
            }
        }
    }

    static Stream<Arguments> refused() {
        String user65 = "u".repeat(65);
        String client129 = "c".repeat(129);
        return Stream.of(
                Arguments.of("/admin/user/create", Map.of("userId", user65, "name", "n"), "userId longer than 64"),
                Arguments.of("/admin/user/create", Map.of("userId", "a/b", "name", "n"), "userId must not contain"),
                Arguments.of("/admin/user/create", Map.of("userId", "a b", "name", "n"), "userId must not contain"),
                Arguments.of("/admin/user/create", Map.of("userId", "a,b", "name", "n"), "userId must not contain"),
                Arguments.of("/admin/user/create", Map.of("userId", "a\tb", "name", "n"), "userId contains a control"),
                Arguments.of("/admin/user/create", Map.of("name", "n", "type", 1), "type must be 0, 3 or 100"),
                Arguments.of("/admin/user/create", Map.of("name", "n", "gender", "male"), "gender must be a number"),
                Arguments.of("/admin/user/get_info", Map.of("userId", user65), "userId longer than 64"),
                Arguments.of("/admin/user/get_info", Map.of("name", "n".repeat(129)), "name longer than 128"),
                Arguments.of("/admin/user/get_info", Map.of("mobile", "1".repeat(65)), "mobile longer than 64"),
                Arguments.of("/admin/user/get_info", Map.of("mobile", "1\u00002"), "mobile contains an invalid"),
                Arguments.of("/admin/user/get_token", Map.of("userId", user65, "clientId", "c", "platform", 2),
                        "userId longer than 64"),
                Arguments.of("/admin/user/get_token", Map.of("userId", "a", "clientId", client129, "platform", 2),
                        "clientId longer than 128"),
                Arguments.of("/admin/user/get_token", Map.of("userId", "a", "clientId", "c\u0000", "platform", 2),
                        "clientId contains"),
                Arguments.of("/admin/user/get_token", Map.of("userId", "a", "clientId", "c", "platform", 13),
                        "platform must be between 0 and 12"),
                Arguments.of("/admin/user/get_token", Map.of("userId", "a", "clientId", "c", "platform", -1),
                        "platform must be between 0 and 12"),
                Arguments.of("/admin/user/onlinestatus", Map.of("userId", user65), "userId longer than 64"),
                Arguments.of("/admin/user/kickoff_client", Map.of("first", user65), "first longer than 64"),
                Arguments.of("/admin/user/kickoff_client", Map.of("first", "a", "second", client129),
                        "second longer than 128"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("refused")
    void anOversizedOrMalformedFieldIs251NamingItAndTheNodeKeepsAnswering(String path, Map<String, Object> body,
                                                                         String message) {
        Limits.assertRefused(node.admin().call(path, body), message);
        Limits.assertServerApiWorks(node);
    }

    @Test
    void theRouteAndConnectRefuseAnOversizedClientIdAsInvalid() throws Exception {
        Fixtures.Login alice = Fixtures.newUser(node, "alice");
        String client129 = "c".repeat(129);

        Limits.assertRefused(Limits.route(node, alice.userId(), client129, alice.token()), "clientId longer than 128");
        Limits.assertRefused(Limits.route(node, "a/b", alice.clientId(), alice.token()), "userId must not contain");
        Mqtt5ConnAck refused = Limits.refusedConnect(node, alice.userId(), client129, alice.token());
        assertThat(refused.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(refused.getReasonString()).map(Object::toString)
                .contains("251 client identifier longer than 128 characters");
        assertThat(Limits.route(node, alice.userId(), alice.clientId(), alice.token()).path("code").asInt(-1))
                .isZero();
    }

    private static JsonNode create(String userId, String field, String value) {
        Map<String, Object> body = new HashMap<>();
        body.put("userId", userId);
        body.put("name", "n");
        body.put(field, value);
        return node.admin().call("/admin/user/create", body);
    }

    private static JsonNode info(String userId) {
        JsonNode r = node.admin().call("/admin/user/get_info", Map.of("userId", userId));
        assertThat(code(r)).as("get_info %s: %s", userId, r).isZero();
        return r.path("result");
    }

    private static int code(JsonNode envelope) {
        return envelope.path("code").asInt(-1);
    }
}
