package io.hearth.client.rpc;

/** Writes one request to the live connection; implemented by the connection's MQTT handler. Called on its event loop. */
@FunctionalInterface
public interface RequestWriter {

    /** Publishes {@code payload} to {@code rpc/<method>} at QoS 1 with the correlation id as Correlation Data. */
    void writeRequest(String method, long correlationId, byte[] payload);
}
