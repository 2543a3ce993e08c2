package io.hearth.server.mqtt;

/** Names of the handlers of the shared MQTT pipeline tail, in pipeline order. */
public final class HandlerNames {

    public static final String MQTT_DECODER = "mqttDecoder";
    public static final String MQTT_ENCODER = "mqttEncoder";
    public static final String IDLE = "idle";
    public static final String IDLE_CLOSER = "idleCloser";
    public static final String OUTBOUND = "outbound";
    public static final String CONNECT = "connect";
    public static final String SESSION = "session";
    public static final String EXCEPTIONS = "exceptions";

    private HandlerNames() {
    }
}
