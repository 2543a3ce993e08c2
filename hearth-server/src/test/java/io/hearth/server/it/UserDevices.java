package io.hearth.server.it;

import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.hearth.server.testing.TestNode;

/**
 * One user's devices for the IM-feature tests: a phone (Android) over TCP and a PC (Windows) over WebSocket, each a
 * HiveMQ MQTT 5 client subscribed to its push and reply topics. Closing it disconnects both.
 */
record UserDevices(String userId, Mqtt5Peer phone, Mqtt5Peer pc) implements AutoCloseable {

    static final int WINDOWS = 3;

    /** Creates the user and logs in both devices. */
    static UserDevices of(TestNode node, String prefix) {
        String userId = Fixtures.id(prefix);
        node.admin().createUser(userId);
        return login(node, userId);
    }

    /** Logs in a phone and a PC of an existing user, with fresh client ids. */
    static UserDevices login(TestNode node, String userId) {
        String phoneId = Fixtures.id(userId + "-phone");
        String pcId = Fixtures.id(userId + "-pc");
        Mqtt5Peer phone = Mqtt5Peer.connect(node.mqttPort(), userId, phoneId,
                node.admin().token(userId, phoneId, Fixtures.ANDROID)).subscribeDefaults();
        var ws = Mqtt5Client.builder().serverHost(node.host()).serverPort(node.wsPort())
                .webSocketConfig().serverPath("/mqtt").subprotocol("mqtt").applyWebSocketConfig();
        Mqtt5Peer pc = Mqtt5Peer.connect(ws, userId, pcId, node.admin().token(userId, pcId, WINDOWS))
                .subscribeDefaults();
        return new UserDevices(userId, phone, pc);
    }

    @Override
    public void close() {
        phone.close();
        pc.close();
    }
}
