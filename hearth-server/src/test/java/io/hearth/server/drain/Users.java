package io.hearth.server.drain;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Platforms;
import io.hearth.server.testing.TestNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Users created through one node's server API, one device (Android) each, and their MQTT clients and routes. */
final class Users {

    /** A user's login: user id, client id and token. */
    record Login(String userId, String clientId, String token) {
    }

    private final TestNode admin;
    private final Map<String, Login> logins = new ConcurrentHashMap<>();

    Users(TestNode admin) {
        this.admin = admin;
    }

    Login login(String userId) {
        return logins.computeIfAbsent(userId, u -> {
            admin.admin().createUser(u);
            String clientId = u + "-phone";
            return new Login(u, clientId, admin.admin().token(u, clientId, Platforms.ANDROID));
        });
    }

    MqttPeer mqtt5(TestNode node, String userId, boolean webSocket) {
        Login l = login(userId);
        return MqttPeer.mqtt5(node.host(), webSocket ? node.wsPort() : node.mqttPort(), webSocket, l.userId(),
                l.clientId(), l.token());
    }

    MqttPeer mqtt3(TestNode node, String userId) {
        Login l = login(userId);
        return MqttPeer.mqtt3(node.host(), node.mqttPort(), l.userId(), l.clientId(), l.token());
    }

    /** The result of {@code POST /route} on {@code node} for the user's device. */
    JsonNode route(TestNode node, String userId) {
        Login l = login(userId);
        JsonNode answer = Http.post(node.httpUrl() + "/route",
                Map.of("userId", l.userId(), "clientId", l.clientId(), "token", l.token()));
        if (answer.path("code").asInt(-1) != 0) {
            throw new AssertionError("route refused: " + answer);
        }
        return answer.get("result");
    }
}
