package io.hearth.client.connection;

import io.hearth.client.Transport;
import io.hearth.client.transport.Endpoint;
import java.io.IOException;
import java.util.Optional;

/**
 * Why a connection ended when the server sent MQTT 5 DISCONNECT 0x9C (Use another server) or 0x9D (Server moved),
 * e.g. because its node is being drained: the client should reconnect at once, to the Server Reference when one was
 * given, else through the route. Not a kick. Immutable.
 */
public final class ServerRedirect extends IOException {

    public static final int USE_ANOTHER_SERVER = 0x9C;
    public static final int SERVER_MOVED = 0x9D;

    private final int reasonCode;
    private final String serverReference;

    public ServerRedirect(int reasonCode, String serverReference, String reasonString) {
        super("server sent DISCONNECT 0x" + Integer.toHexString(reasonCode)
                + (serverReference != null ? " to " + serverReference : "")
                + (reasonString != null ? ": " + reasonString : ""));
        this.reasonCode = reasonCode;
        this.serverReference = serverReference;
    }

    public int reasonCode() {
        return reasonCode;
    }

    /** The Server Reference property as sent, or null. */
    public String serverReference() {
        return serverReference;
    }

    /**
     * Where to reconnect with {@code transport}: the first {@code host:port} of the Server Reference ({@code [v6]:port}
     * for IPv6); empty when there is none or it is not of that form.
     */
    public Optional<Endpoint> endpoint(Transport transport) {
        if (serverReference == null || serverReference.isBlank()) {
            return Optional.empty();
        }
        String first = serverReference.trim().split("\\s+")[0];
        int colon = first.lastIndexOf(':');
        if (colon <= 0 || colon == first.length() - 1) {
            return Optional.empty();
        }
        String host = first.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[")) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(first.substring(colon + 1));
            return port > 0 && port <= 65535 && !host.isEmpty() ? Optional.of(new Endpoint(host, port, transport))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
